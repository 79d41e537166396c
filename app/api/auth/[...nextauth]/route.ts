import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/config";

// Sign-in, sign-out, CSRF and session endpoints of next-auth; public by nature.
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
