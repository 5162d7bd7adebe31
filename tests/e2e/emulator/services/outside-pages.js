// Sites that are not Connect: an intranet page whose text happens to say
// "Session expired" (must never start a login) and a foreign site a forged
// return URL would point at (must never be visited). Both exist so that a
// wrong move is recorded by the emulator instead of failing to resolve.
import { page, sendHtml } from "../http-replies.js";

export function createOutsidePagesService() {
  return {
    handle(req, res, { host }) {
      if (host === "intranet.example.com") {
        return sendHtml(res, 200, page({
          title: "Intranet news",
          body: `<article><h1>IT news</h1><div role="alertdialog" class="session-expired"><h2>Session expired</h2>` +
            `<p>Your session has expired. Please log in.</p></div><p>(This is the intranet, not Amazon Connect.)</p></article>`,
        }));
      }
      return sendHtml(res, 200, page({ title: "Totally the agent desktop", body: "<h1>Not your company</h1>" }));
    },
  };
}
