// The expiry detector's DOM logic, written against the small part of the DOM
// it needs (nodeType, localName, getAttribute, childNodes, parentNode,
// isConnected, data) so the tests can drive it with plain objects.
//
// Where the real expiry text lives: in a short, standalone message — a dialog
// or alert (role=alertdialog|dialog|alert, <dialog>, aria-modal) or a heading —
// or in a short block whose text *starts* with the phrase. Never inside
// editable content, form fields, chat or transcript regions (role=log|feed,
// aria-live lists), tables or definition lists (contact attributes): that is
// where a customer's or agent's own words appear. A text hint is still only
// a hint: the worker confirms it with a session probe before acting.
//
// Cost: only nodes named by mutation records are looked at, in batches. The
// batch timer is started by the first mutation and is NOT restarted by later
// ones — the CCP updates a call timer every second, and a restarting debounce
// would postpone the scan forever. Within a batch each candidate element is
// judged once (siblings added together share their parents), and the cheap
// question (does its text match?) comes before the costly ones (exclusion
// walks up to the root, the browser's visibility check recalculates style).

const CONTAINER_ROLES = new Set(["alertdialog", "dialog", "alert", "heading"]);
const CONTAINER_TAGS = new Set(["dialog", "h1", "h2", "h3", "h4", "h5", "h6"]);
const EXCLUDED_ROLES = new Set(["log", "feed", "textbox", "searchbox", "combobox", "grid", "table", "treegrid", "listbox"]);
const EXCLUDED_TAGS = new Set([
  "input", "textarea", "select", "option", "script", "style", "noscript", "template",
  "table", "dl", "code", "pre",
]);
const LIST_TAGS = new Set(["ul", "ol"]);
const PAGE_TAGS = new Set(["body", "html"]);

const ELEMENT = 1;
const TEXT = 3;
const DOCUMENT = 9;

export const SHORT_BLOCK_MAX = 200; // characters of normalized text
export const CONTAINER_TEXT_MAX = 1000; // a bigger "dialog" is an app shell, not a message
const ANCESTOR_LEVELS = 3; // short-block rule: the changed node and this many parents
const CONTAINER_LOOKUP_LEVELS = 25; // nearest enclosing dialog/alert/heading
const MAX_PENDING = 500; // beyond this, one scan from the root is cheaper

/**
 * Where the detector looks around a changed element, as data for its
 * watcher in the page's world (content/page-watch.js), which rules out
 * changes with these same rules before the detector hears of them.
 */
export const LOOK_AROUND = Object.freeze({
  containerRoles: [...CONTAINER_ROLES],
  containerTags: [...CONTAINER_TAGS],
  pageTags: [...PAGE_TAGS],
  containerLevels: CONTAINER_LOOKUP_LEVELS,
  shortBlockLevels: ANCESTOR_LEVELS,
});

function tagOf(el) {
  return (el.localName ?? el.tagName ?? "").toLowerCase();
}

function attr(el, name) {
  return typeof el.getAttribute === "function" ? el.getAttribute(name) : null;
}

/** A standalone message container: dialog, alert, heading. */
export function isContainer(el) {
  if (el?.nodeType !== ELEMENT) return false;
  const role = (attr(el, "role") ?? "").trim().toLowerCase();
  return CONTAINER_ROLES.has(role) || CONTAINER_TAGS.has(tagOf(el)) || attr(el, "aria-modal") === "true";
}

/** Editable content, form fields, chat/transcript regions, tables: never expiry text. */
export function isExcluded(el) {
  if (el?.nodeType !== ELEMENT) return false;
  const tag = tagOf(el);
  if (EXCLUDED_TAGS.has(tag)) return true;
  const role = (attr(el, "role") ?? "").trim().toLowerCase();
  if (EXCLUDED_ROLES.has(role)) return true;
  const editable = attr(el, "contenteditable");
  if (editable !== null && editable.toLowerCase() !== "false") return true;
  // A live region that is a list is a message stream (chat), not an alert.
  const live = attr(el, "aria-live");
  if (live !== null && live !== "off" && (LIST_TAGS.has(tag) || role === "list")) return true;
  return false;
}

function isHiddenByAttribute(el) {
  return attr(el, "hidden") !== null || attr(el, "aria-hidden") === "true";
}

function parentElementOf(node) {
  const parent = node?.parentNode;
  return parent && parent.nodeType === ELEMENT ? parent : null;
}

/** True when the element or an ancestor is excluded. */
export function inExcludedRegion(el) {
  for (let cur = el; cur; cur = parentElementOf(cur)) {
    if (isExcluded(cur)) return true;
  }
  return false;
}

function hiddenByAncestry(el) {
  for (let cur = el; cur; cur = parentElementOf(cur)) {
    if (isHiddenByAttribute(cur)) return true;
  }
  return false;
}

/**
 * The element's own readable text without excluded or hidden descendants,
 * or null when it is longer than `cap` (then it is not a short message).
 */
export function standaloneText(el, cap) {
  let out = "";
  let overflow = false;
  const visit = (node) => {
    if (overflow) return;
    if (node.nodeType === TEXT) {
      out += node.data ?? node.nodeValue ?? "";
      // Whitespace collapses later; allow generous slack before giving up.
      if (out.length > cap * 4) overflow = true;
      out += " ";
      return;
    }
    if (node.nodeType !== ELEMENT || isExcluded(node) || isHiddenByAttribute(node)) return;
    for (const child of node.childNodes ?? []) visit(child);
  };
  visit(el);
  if (overflow) return null;
  const collapsed = out.replace(/\s+/g, " ").trim();
  return collapsed.length > cap ? null : collapsed;
}

/**
 * Creates a detector. `match(text, rule)` decides whether a candidate's text is
 * a signal — `rule` is "container" (dialog, alert, heading) or "short-block" —
 * and returns `{evidence, kind}` or null (detection-rules.js builds it).
 * `mayMatch(rawText)` is match()'s cheap pre-filter, given an element's
 * textContent (which never forces layout): false only when no text built from
 * it could match, so the element's own text is never assembled.
 * `isVisible(el)` adds the browser's own visibility check, `schedule(fn, ms)`
 * and `cancel(handle)` are the timer, `onDetect(result)` is called at most
 * once in the detector's life (one report per page life).
 */
export function createDetector({
  match,
  mayMatch = () => true,
  isVisible = () => true,
  schedule,
  cancel = () => {},
  delayMs = 300,
  nodeBudget = 20000,
  shortBlockMax = SHORT_BLOCK_MAX,
  onDetect,
}) {
  let root = null;
  let timer = null;
  let reported = false;
  const pending = new Set(); // changed elements, each scanned as changed
  const pendingChildren = new Map(); // parent → its childList records of this batch

  function visible(el) {
    return !hiddenByAncestry(el) && isVisible(el);
  }

  // A batch's memory: the DOM does not change while a batch is scanned, so an
  // element judged once under a rule (`judged[rule]`), or climbed from with
  // as many levels left (`climbed`), needs no second look. `quiet` holds the
  // elements whose text mayMatch ruled out: their descendants' text is part
  // of theirs, so it is ruled out too without being read (rows added to one
  // list cost one textContent, not one each).
  function newBatch() {
    return {
      judged: { container: new Set(), "short-block": new Set() },
      climbed: new Map(),
      quiet: new Set(),
      budget: nodeBudget,
    };
  }

  function isQuiet(el, batch) {
    if (batch.quiet.has(el)) return true;
    const parent = parentElementOf(el);
    if ((parent && batch.quiet.has(parent)) || !mayMatch(el.textContent ?? "")) {
      batch.quiet.add(el);
      return true;
    }
    return false;
  }

  function checkCandidate(el, rule, batch) {
    if (batch.judged[rule].has(el)) return null;
    batch.judged[rule].add(el);
    if (isQuiet(el, batch)) return null;
    const text = standaloneText(el, rule === "container" ? CONTAINER_TEXT_MAX : shortBlockMax);
    const found = text ? match(text, rule) : null;
    if (!found || inExcludedRegion(el) || !visible(el)) return null;
    return found;
  }

  // Containers inside the changed element (the caller has made sure some of
  // its text could match).
  function containerWithin(start, batch) {
    const stack = [start];
    while (stack.length > 0 && batch.budget > 0) {
      const el = stack.pop();
      batch.budget -= 1;
      if (isExcluded(el)) continue;
      if (isContainer(el)) {
        const found = checkCandidate(el, "container", batch);
        if (found) return found;
      }
      const children = el.childNodes ?? [];
      for (let i = children.length - 1; i >= 0; i -= 1) {
        if (children[i].nodeType === ELEMENT) stack.push(children[i]);
      }
    }
    return null;
  }

  // The nearest container around the changed element.
  function containerAround(start, batch) {
    let cur = parentElementOf(start);
    for (let level = 0; cur && level < CONTAINER_LOOKUP_LEVELS; level += 1, cur = parentElementOf(cur)) {
      const levelsLeft = CONTAINER_LOOKUP_LEVELS - level;
      if ((batch.climbed.get(cur) ?? 0) >= levelsLeft) return null;
      batch.climbed.set(cur, levelsLeft);
      if (isContainer(cur)) return checkCandidate(cur, "container", batch);
    }
    return null;
  }

  // Short blocks: the changed element and a few parents, but never the page
  // body around a small change (that would be a whole-page scan); body and
  // html themselves count only when they are what changed (initial scan).
  // `firstLevel` 1 starts at the parent of the changed element (scanChildren).
  function shortBlockAround(start, batch, firstLevel = 0) {
    let cur = start;
    for (let level = firstLevel; cur && level <= ANCESTOR_LEVELS; level += 1, cur = parentElementOf(cur)) {
      if (level > 0 && PAGE_TAGS.has(tagOf(cur))) break;
      const found = checkCandidate(cur, "short-block", batch);
      if (found) return found;
    }
    return null;
  }

  // Looks at one changed node: containers inside it, the container around
  // it, and the short blocks it sits in. Returns match()'s result or null.
  // When none of the node's own text could match, neither can a container
  // inside it nor the node as a short block: only what is around it is left.
  function scanNode(node, batch) {
    let start = node.nodeType === DOCUMENT ? node.documentElement ?? node.body : node;
    if (start?.nodeType === TEXT) start = parentElementOf(start);
    if (!start || start.nodeType !== ELEMENT || start.isConnected === false) return null;
    if (isQuiet(start, batch)) {
      batch.judged["short-block"].add(start);
      return containerAround(start, batch) ?? shortBlockAround(start, batch);
    }
    return containerWithin(start, batch) ?? containerAround(start, batch) ?? shortBlockAround(start, batch);
  }

  // Nodes added to `parent` (its childList records). When the parent's text
  // is quiet, so is every node added to it, and what is around them is what
  // is around the parent: one look for all of them, and their records'
  // node lists are never read (each read makes a wrapper in the content
  // script's world, the bulk of its cost on a busy page).
  function scanChildren(parent, records, batch) {
    if (parent?.nodeType === ELEMENT && parent.isConnected !== false && isQuiet(parent, batch)) {
      batch.judged["short-block"].add(parent);
      const around = isContainer(parent) ? checkCandidate(parent, "container", batch) : containerAround(parent, batch);
      return around ?? shortBlockAround(parent, batch, 1);
    }
    for (const record of records) {
      const added = record.addedNodes ?? [];
      for (let k = 0; k < added.length; k += 1) {
        const result = scanNode(added[k], batch);
        if (result || batch.budget <= 0) return result;
      }
    }
    return null;
  }

  function scanBatch(nodes, lists, batch) {
    for (const node of nodes) {
      const result = scanNode(node, batch);
      if (result || batch.budget <= 0) return result;
    }
    for (const [parent, records] of lists) {
      const result = scanChildren(parent, records, batch);
      if (result || batch.budget <= 0) return result;
    }
    return null;
  }

  function flush() {
    timer = null;
    if (reported) return;
    const whole = pending.size + pendingChildren.size > MAX_PENDING;
    const nodes = whole ? [root] : [...pending];
    const lists = whole ? [] : [...pendingChildren];
    pending.clear();
    pendingChildren.clear();
    const result = scanBatch(nodes, lists, newBatch());
    if (result) {
      reported = true;
      onDetect(result);
    }
  }

  function arm() {
    if (timer === null) timer = schedule(flush, delayMs);
  }

  function enqueue(node) {
    if (reported || !node) return;
    pending.add(node.nodeType === TEXT ? node.parentNode : node);
    arm();
  }

  // A childList record is kept with the others of its parent, unread.
  function enqueueChildren(record) {
    const list = pendingChildren.get(record.target);
    if (list) list.push(record);
    else pendingChildren.set(record.target, [record]);
    arm();
  }

  return {
    /** Scans the whole document once (page load), then only mutations. */
    start(documentRoot) {
      root = documentRoot;
      enqueue(documentRoot);
    },
    /** One changed element, named by the page-world watcher (content/page-watch.js). */
    onChanged(node) {
      enqueue(node);
    },
    /**
     * The MutationObserver callback. It runs for every burst of the page's
     * mutations, so it only notes the records (an indexed loop: no iterator
     * object per call); a childList record's nodes are read at the scan,
     * and only if its parent's text may hold a phrase.
     */
    onMutations(records) {
      if (reported) return;
      for (let i = 0; i < records.length; i += 1) {
        const record = records[i];
        if (record.type === "childList") enqueueChildren(record);
        else enqueue(record.target);
      }
    },
    stop() {
      if (timer !== null) cancel(timer);
      timer = null;
      pending.clear();
      pendingChildren.clear();
      reported = true;
    },
    get reported() {
      return reported;
    },
  };
}
