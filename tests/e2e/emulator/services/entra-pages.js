// HTML of the emulated Microsoft Entra ID pages.
import { escapeHtml, page } from "../http-replies.js";

/** Entra's error page: the AADSTS code is what admins and the product look for. */
export function entraErrorPageHtml(code, message) {
  return page({
    title: "Sign in to your account",
    body: `<div id="error-page"><h1>Sorry, but we’re having trouble signing you in.</h1>` +
      `<p id="error-code">${escapeHtml(code)}: ${escapeHtml(message)}</p></div>`,
  });
}

/** The interactive sign-in page; the submit button has the real page's id. */
export function entraSignInPageHtml({ tenantId, ctx, userName }) {
  return page({
    title: "Sign in to your account",
    body: `<form method="POST" action="/${escapeHtml(tenantId)}/login">` +
      `<div role="heading">Sign in</div>` +
      `<input type="hidden" name="ctx" value="${escapeHtml(ctx)}">` +
      `<input type="email" name="loginfmt" value="${escapeHtml(userName)}">` +
      `<input type="submit" id="idSIButton9" value="Sign in"></form>`,
  });
}
