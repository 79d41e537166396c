import { AsyncLocalStorage } from "node:async_hooks";

// Who and which request the current work belongs to, so every log line written while serving it
// (by any module) carries the request id and the user's uuid without passing them around.

export interface RequestContext {
  requestId: string;
  userUuid?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
