// The detector's eyes in the page's own world: a MAIN-world content script
// (manifest.json), started before the page's scripts, idle until the
// detector in the isolated world (content/detect-main.js) asks it to watch.
//
// Why it exists: a MutationObserver in the content script's isolated world
// is handed a wrapper, made for that world, of every mutation record, and
// on a page making 10,000 DOM mutations/s that alone took several percent
// of the page's main thread; the page's own world gets its records at a
// fraction of that (README.md, "Benchmarks"). So this script observes,
// rules out each change around which the detector could find no phrase, and
// hands the detector only the rest, as an event on the changed element. It
// judges nothing: the detector applies all its rules to what it is handed,
// and the worker confirms with a session probe.
//
// What the page can do to it, sharing this world: see the events, send its
// own, or stop this script. Its own events make the detector look at an
// element, bounded work under the detector's rules, no more than a DOM
// change does; stopping it blinds detection on a page that could as well
// never show its text. It learns the phrases' key words, which are not
// secret. Nothing reaches the worker but through the detector.
//
// The protocol (events on document, names in lib/page-watch-protocol.js):
//   detector → "ccp-relogin:watch", detail: JSON of the settings below;
//              answered at once, in the same dispatch, by "ccp-relogin:watching"
//   this     → "ccp-relogin:changed" on each element to look at
//   detector → "ccp-relogin:unwatch": stop for good (it has reported)
// Settings: {keys: RegExp source of the key words or null, always: bool
// (every text may match), containerRoles, containerTags, pageTags: [string],
// containerLevels, shortBlockLevels, delayMs: number, attributes: [string]},
// the detector's own rules (lib/detector.js), so they are written once.
//
// A classic script (a MAIN-world content script cannot be a module or reach
// the package), so the event names are repeated here; the tests check that
// they match lib/page-watch-protocol.js.
(() => {
  const WATCH = "ccp-relogin:watch";
  const WATCHING = "ccp-relogin:watching";
  const CHANGED = "ccp-relogin:changed";
  const UNWATCH = "ccp-relogin:unwatch";
  const ELEMENT = 1;
  const TEXT = 3;
  const NON_ASCII = /[^\x00-\x7f]/;

  // Taken before the page's scripts run: a framework that wraps these later
  // (zone.js wraps MutationObserver and setTimeout to run change detection
  // after each callback) must not wrap ours and bill the page for it.
  const Observer = globalThis.MutationObserver;
  const setTimer = globalThis.setTimeout;
  const clearTimer = globalThis.clearTimeout;
  const PlainEvent = globalThis.Event;
  const doc = globalThis.document;
  if (!Observer || !doc) return;

  let watching = false;

  function readSettings(detail) {
    try {
      const s = JSON.parse(String(detail));
      const list = (x) => (Array.isArray(x) ? x.filter((v) => typeof v === "string") : []);
      const count = (x, max) => (Number.isInteger(x) && x >= 0 && x <= max ? x : null);
      const settings = {
        keys: typeof s.keys === "string" ? new RegExp(s.keys, "i") : null,
        always: s.always === true,
        containerRoles: new Set(list(s.containerRoles)),
        containerTags: new Set(list(s.containerTags)),
        pageTags: new Set(list(s.pageTags)),
        containerLevels: count(s.containerLevels, 100),
        shortBlockLevels: count(s.shortBlockLevels, 100),
        delayMs: count(s.delayMs, 1000),
        attributes: list(s.attributes),
      };
      return settings.containerLevels === null || settings.shortBlockLevels === null || settings.delayMs === null
        ? null
        : settings;
    } catch {
      return null; // not ours, or broken: stay idle, the detector observes itself
    }
  }

  function watch(settings) {
    const mayHold = (text) => settings.always || NON_ASCII.test(text) || (settings.keys !== null && settings.keys.test(text));
    const tagOf = (el) => String(el.localName ?? "").toLowerCase();
    const parentElementOf = (node) => {
      const parent = node.parentNode;
      return parent && parent.nodeType === ELEMENT ? parent : null;
    };
    const isContainer = (el) => {
      const role = String(el.getAttribute("role") ?? "").trim().toLowerCase();
      return settings.containerRoles.has(role) || settings.containerTags.has(tagOf(el)) ||
        el.getAttribute("aria-modal") === "true";
    };

    // The highest element the detector reads for a change below `parent`
    // (lib/detector.js, scanNode): the short blocks, up to shortBlockLevels
    // parents and never body or html, and the nearest container within
    // containerLevels parents. All it reads lies inside the changed element
    // or this one; null: only inside the changed element. The same for
    // every child of `parent`, so a batch climbs once per parent.
    function highestAround(parent) {
      let highest = null;
      let shortBlocks = true;
      for (let level = 1, cur = parent; cur && level <= Math.max(settings.containerLevels, settings.shortBlockLevels); level += 1, cur = parentElementOf(cur)) {
        if (shortBlocks && (level > settings.shortBlockLevels || settings.pageTags.has(tagOf(cur)))) shortBlocks = false;
        if (shortBlocks) highest = cur;
        if (level <= settings.containerLevels && isContainer(cur)) return cur;
      }
      return highest;
    }

    function aroundOf(parent, batch) {
      if (!batch.around.has(parent)) batch.around.set(parent, highestAround(parent));
      return batch.around.get(parent);
    }

    function mayHoldText(el, batch) {
      if (!batch.mayHold.has(el)) batch.mayHold.set(el, mayHold(String(el.textContent ?? "")));
      return batch.mayHold.get(el);
    }

    // Worth the detector's look: what it would read for a change at `el`
    // may hold a phrase.
    function worthALook(el, batch) {
      if (el.isConnected === false) return false;
      const parent = parentElementOf(el);
      return mayHoldText((parent && aroundOf(parent, batch)) ?? el, batch);
    }

    // Nodes added to `parent`: when what the detector would read around
    // them is one element whose text cannot hold a phrase, none is worth a
    // look, and their records' node lists are never read.
    function addedWorthALook(parent, records, batch) {
      const around = parent.nodeType === ELEMENT && parent.isConnected !== false ? aroundOf(parent, batch) : null;
      if (around && !mayHoldText(around, batch)) return [];
      const worth = [];
      for (const record of records) {
        const added = record.addedNodes;
        for (let k = 0; k < added.length; k += 1) {
          const el = elementOf(added[k]);
          if (el && worthALook(el, batch)) worth.push(el);
        }
      }
      return worth;
    }

    function elementOf(node) {
      if (node.nodeType === ELEMENT) return node;
      return node.nodeType === TEXT ? parentElementOf(node) : null;
    }

    let changed = new Set(); // elements whose attributes or text changed
    let addedTo = new Map(); // parent → its childList records
    let timer = null;
    let stopped = false;

    function flush() {
      timer = null;
      const batch = { around: new Map(), mayHold: new Map() };
      const worth = new Set();
      for (const el of changed) if (worthALook(el, batch)) worth.add(el);
      for (const [parent, records] of addedTo) for (const el of addedWorthALook(parent, records, batch)) worth.add(el);
      changed = new Set();
      addedTo = new Map();
      for (const el of worth) {
        if (stopped) return;
        el.dispatchEvent(new PlainEvent(CHANGED));
      }
    }

    function arm() {
      if (timer === null) timer = setTimer(flush, settings.delayMs);
    }

    const observer = new Observer((records) => {
      for (let i = 0; i < records.length; i += 1) {
        const record = records[i];
        if (record.type === "childList") {
          const list = addedTo.get(record.target);
          if (list) list.push(record);
          else addedTo.set(record.target, [record]);
        } else {
          const el = elementOf(record.target);
          if (el) changed.add(el);
        }
      }
      arm();
    });
    observer.observe(doc, {
      childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: settings.attributes,
    });
    doc.addEventListener(UNWATCH, () => {
      stopped = true;
      observer.disconnect();
      if (timer !== null) clearTimer(timer);
    }, { capture: true, once: true });
  }

  doc.addEventListener(WATCH, (event) => {
    if (watching) return;
    const settings = readSettings(event.detail);
    if (!settings) return;
    watching = true;
    watch(settings);
    doc.dispatchEvent(new PlainEvent(WATCHING));
  }, true);
})();
