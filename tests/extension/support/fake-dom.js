// A minimal DOM for the detector tests: only what lib/detector.js reads
// (nodeType, localName, getAttribute, childNodes, parentNode, isConnected,
// data), plus builders. Not a browser: no CSS, no layout.

export class FakeNode {
  constructor(nodeType) {
    this.nodeType = nodeType;
    this.parentNode = null;
    this.childNodes = [];
    this.listeners = [];
  }

  // Events, as far as the detector and its page-world watcher use them:
  // capture listeners from the root down, then the target's own. No
  // bubbling (their events don't bubble).
  addEventListener(type, listener, options) {
    const capture = options === true || options?.capture === true;
    this.listeners.push({ type, listener, capture, once: options?.once === true });
  }

  removeEventListener(type, listener, options) {
    const capture = options === true || options?.capture === true;
    this.listeners = this.listeners.filter((l) => !(l.type === type && l.listener === listener && l.capture === capture));
  }

  dispatchEvent(event) {
    Object.defineProperty(event, "target", { value: this, configurable: true });
    const path = [];
    for (let cur = this; cur; cur = cur.parentNode) path.unshift(cur);
    for (const node of path) {
      for (const l of [...node.listeners]) {
        if (l.type !== event.type || (node !== this && !l.capture)) continue;
        if (l.once) node.listeners = node.listeners.filter((x) => x !== l);
        l.listener(event);
      }
    }
    return true;
  }

  get isConnected() {
    let cur = this;
    while (cur.parentNode) cur = cur.parentNode;
    return cur.nodeType === 9;
  }

  get parentElement() {
    return this.parentNode?.nodeType === 1 ? this.parentNode : null;
  }

  appendChild(child) {
    child.remove();
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }

  remove() {
    if (!this.parentNode) return;
    this.parentNode.childNodes = this.parentNode.childNodes.filter((c) => c !== this);
    this.parentNode = null;
  }
}

export class FakeText extends FakeNode {
  constructor(data) {
    super(3);
    this.data = data;
  }
}

export class FakeElement extends FakeNode {
  constructor(tag, attributes = {}) {
    super(1);
    this.localName = tag.toLowerCase();
    this.attributes = new Map(Object.entries(attributes));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  removeAttribute(name) {
    this.attributes.delete(name);
  }

  get textContent() {
    return this.childNodes.map((c) => (c.nodeType === 3 ? c.data : c.textContent)).join("");
  }
}

export class FakeDocument extends FakeNode {
  constructor() {
    super(9);
    this.documentElement = this.appendChild(new FakeElement("html"));
    this.body = this.documentElement.appendChild(new FakeElement("body"));
  }
}

/** h("div", {role: "alert"}, "text", h("p", {}, "more")) */
export function h(tag, attributes = {}, ...children) {
  const el = new FakeElement(tag, attributes);
  for (const child of children) el.appendChild(typeof child === "string" ? new FakeText(child) : child);
  return el;
}

export function text(data) {
  return new FakeText(data);
}

/** A childList mutation record for nodes just appended. */
export function added(...nodes) {
  return { type: "childList", addedNodes: nodes, target: nodes[0]?.parentNode ?? null };
}

export function attributeChanged(target, attributeName) {
  return { type: "attributes", target, attributeName };
}

export function characterData(target) {
  return { type: "characterData", target };
}

/**
 * MutationObservers over the fake DOM: `all` that were created, and
 * `deliver(...records)`, which hands records to those observing, as a
 * browser would after a change.
 */
export function fakeMutationObservers() {
  const all = [];
  class FakeMutationObserver {
    constructor(callback) {
      this.callback = callback;
      this.observing = false;
      this.disconnected = false;
      all.push(this);
    }

    observe(target, options) {
      this.observing = true;
      this.target = target;
      this.options = options;
    }

    disconnect() {
      this.observing = false;
      this.disconnected = true;
    }
  }
  const deliver = (...records) => {
    for (const o of all) if (o.observing) o.callback(records);
  };
  return { all, FakeMutationObserver, deliver };
}
