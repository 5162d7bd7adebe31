// Server-side state of the emulated sign-in chain: Connect sessions (the
// ccp_session cookie), the one-time tickets federate hands to a Connect
// domain, and the AWS console sessions the ACS creates for federate.
import { randomBytes } from "node:crypto";

const token = () => randomBytes(18).toString("base64url");
const TICKET_TTL_MS = 60_000;

/**
 * @param {() => number} now       clock, ms
 * @param {() => number|null} lifetimeMs  the scenario's session lifetime, read at creation
 */
export function createSessionStore(now, lifetimeMs) {
  const connectSessions = new Map(); // sid → {instanceId, createdAt, expiresAt, revoked}
  const tickets = new Map(); // ticket → {sid, destination, expiresAt}
  const consoleSessions = new Map(); // token → {role, roleSessionName}

  return {
    /** A new Connect session for an instance; returns its id (the cookie value). */
    createConnectSession(instanceId) {
      const sid = token();
      const lifetime = lifetimeMs();
      const createdAt = now();
      connectSessions.set(sid, { instanceId, createdAt, expiresAt: lifetime === null ? Infinity : createdAt + lifetime, revoked: false });
      return sid;
    },

    /** True when `sid` is a live session of `instanceId`. */
    isValid(sid, instanceId) {
      const s = sid && connectSessions.get(sid);
      return Boolean(s) && s.instanceId === instanceId && !s.revoked && now() < s.expiresAt;
    },

    /** Ends every session (of one instance, if given); returns how many were live. */
    expire(instanceId = null) {
      let ended = 0;
      for (const s of connectSessions.values()) {
        if ((instanceId === null || s.instanceId === instanceId) && !s.revoked && now() < s.expiresAt) {
          s.revoked = true;
          ended++;
        }
      }
      return ended;
    },

    /** Ends one session (the agent's logout); true when it was live. */
    revoke(sid) {
      const s = sid && connectSessions.get(sid);
      if (!s || s.revoked || now() >= s.expiresAt) return false;
      s.revoked = true;
      return true;
    },

    issueTicket(sid, destination) {
      const ticket = token();
      tickets.set(ticket, { sid, destination, expiresAt: now() + TICKET_TTL_MS });
      return ticket;
    },

    /** A ticket works once; returns {sid, destination} or null. */
    redeemTicket(ticket) {
      const t = ticket && tickets.get(ticket);
      if (!t) return null;
      tickets.delete(ticket);
      return now() < t.expiresAt ? { sid: t.sid, destination: t.destination } : null;
    },

    createConsoleSession(claims) {
      const t = token();
      consoleSessions.set(t, claims);
      return t;
    },

    consoleSession(t) {
      return (t && consoleSessions.get(t)) ?? null;
    },
  };
}
