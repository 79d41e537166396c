import Link from "next/link";

export default function AssetNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">Asset not found</h1>
      <p className="mt-2 text-slate-600">No asset has that uuid. Check the link, or find the asset in the list.</p>
      <Link href="/assets" className="mt-6 inline-block text-sky-800 hover:underline">
        Back to assets
      </Link>
    </div>
  );
}
