"use client";

// What approval shows about QC: the pre-flight's line (how many of the selection failed QC or were
// not checked) and the override's reason, without which QC-failed assets are skipped.

export function QcPreflightLine({ qc }: { qc: { failed: number; notChecked: number } }) {
  if (qc.failed === 0 && qc.notChecked === 0) return null;
  return (
    <span className="mt-1 block" data-testid="qc-preflight">
      QC: <strong>{qc.failed.toLocaleString("en")}</strong> failed QC (skipped unless you override),{" "}
      <strong>{qc.notChecked.toLocaleString("en")}</strong> not checked.
    </span>
  );
}

export function QcOverrideField({
  value,
  onChange,
  name,
}: {
  value?: string;
  onChange?: (value: string) => void;
  /** For a form: the field's name. */
  name?: string;
}) {
  return (
    <label className="block">
      Approve QC-failed assets anyway: reason (recorded in the audit log)
      <input
        name={name}
        value={value}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        maxLength={500}
        className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
      />
    </label>
  );
}
