#!/usr/bin/env node
// This machine's npm registry holds Linux builds only, so `npm install` here cannot record the
// other platforms' optional binaries (Next's SWC, Tailwind's oxide, unrs-resolver) and `npm ci`
// then calls the lockfile out of sync. This adds the missing optional entries, with the platform
// fields npm uses to skip them, so the lockfile is complete for every platform. Run it after any
// `npm install` that changes package-lock.json: `node .ci/lockfile-optionals.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

const OS = ["darwin", "win32", "linux", "android", "freebsd", "openharmony"];
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x"];

function platform(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((part) => OS.includes(part));
  const cpu = name.includes("wasm32") ? "wasm32" : parts.find((part) => CPU.includes(part));
  const libc =
    parts.includes("gnu") || parts.includes("gnueabihf")
      ? "glibc"
      : parts.some((part) => part.startsWith("musl"))
        ? "musl"
        : undefined;
  return { ...(cpu && { cpu: [cpu] }), ...(libc && { libc: [libc] }), ...(os && { os: [os] }) };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version))
      throw new Error(`${name}@${version}: not an exact version; add it by hand`);
    packages[`node_modules/${name}`] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split("/").pop()}-${version}.tgz`,
      ...platform(name),
      ...(entry.dev && { dev: true }),
      optional: true,
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform package(s).`);
