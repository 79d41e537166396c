/** @type {import('next').NextConfig} */
const nextConfig = {
  // Another build folder lets two builds of one checkout coexist (parallel e2e runs while developing).
  distDir: process.env.ASSET_DESK_DIST_DIR || ".next",
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg-boss", "@ffprobe-installer/ffprobe"],
  poweredByHeader: false,
  // Headers every response carries; the Content-Security-Policy (with a per-request nonce) is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
