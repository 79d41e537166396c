import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { uuid: string };
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The user's session version at sign-in (lib/auth/session-version.ts). */
    sv?: number;
  }
}
