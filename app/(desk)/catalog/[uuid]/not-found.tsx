import Link from "next/link";

export default function CatalogEntryNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">Catalog entry not found</h1>
      <p className="mt-2 text-slate-600">
        No catalog entry has that uuid. It may have been withdrawn; find it in the catalog or the audit log.
      </p>
      <Link href="/catalog" className="mt-6 inline-block text-sky-800 hover:underline">
        Back to the catalog
      </Link>
    </div>
  );
}
