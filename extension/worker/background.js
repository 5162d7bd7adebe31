// Service-worker entry point: the real chrome APIs into createWorker.
import { createWorker } from "./worker.js";

const worker = createWorker({
  chrome,
  fetch: (...args) => fetch(...args),
  scope: self,
  userAgentData: navigator.userAgentData ?? null,
});
worker.listen();
worker.start();
globalThis.ccpRelogin = worker.debug;
