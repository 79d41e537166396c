"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { bulkTransitionAction, previewBulkAction } from "@/app/(desk)/assets/actions";
import type { Transition } from "@/lib/assets/transitions";
import type { SelectionInput } from "@/lib/assets/selection";
import type { Preflight, TransitionReport } from "@/lib/assets/workflow";

/**
 * The steps every bulk change takes in the browser: the pre-flight summary (same rules as the
 * change), the confirmed run, and its report — or the message of whatever refused it.
 */
export function useBulkTransition(onChanged?: () => void) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [transition, setTransition] = useState<Transition | null>(null);
  const [selection, setSelection] = useState<SelectionInput | null>(null);
  const [preflight, setPreflight] = useState<Preflight | null>(null);
  const [report, setReport] = useState<TransitionReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  function preview(chosen: Transition, chosenSelection: SelectionInput) {
    setTransition(chosen);
    setSelection(chosenSelection);
    setPreflight(null);
    setReport(null);
    setError(null);
    startTransition(async () => {
      const result = await previewBulkAction({ transition: chosen, selection: chosenSelection });
      if (result.ok) setPreflight(result.preflight);
      else setError(result.message);
    });
  }

  function run(extra: { tags?: string; reason?: string; qcOverride?: string } = {}) {
    if (!transition || !selection) return;
    startTransition(async () => {
      const result = await bulkTransitionAction({ transition, selection, ...extra });
      if (result.ok) {
        setReport(result.report);
        onChanged?.();
        router.refresh();
      } else setError(result.message);
    });
  }

  return { pending, transition, preflight, report, error, setError, preview, run, startTransition };
}
