import "next-auth";

declare module "next-auth" {
  interface Session {
    user: { uuid: string };
  }
}
