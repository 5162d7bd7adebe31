// Sites that are not Connect: an intranet page whose text happens to say
// "Session expired" (must never start a login), a foreign site a forged
// return URL would point at (must never be visited), both so that a wrong
// move is recorded by the emulator instead of failing to resolve; and the
// CRM the agent types in while the CCP sits in another tab.
import { page, sendHtml } from "../http-replies.js";

export function createOutsidePagesService() {
  return {
    handle(req, res, { host }) {
      if (host === "crm.example.com") {
        return sendHtml(res, 200, page({
          title: "CRM",
          body: `<h1>Case 4711</h1><label>Notes <textarea id="notes" rows="6" cols="60"></textarea></label>`,
        }));
      }
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
