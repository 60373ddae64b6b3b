// Renders /api/v1/openapi.json as a readable page: operations grouped by tag, each with its
// parameters, request body and responses, schemas resolved from the components. Our own code,
// no library; text only ever enters the page through textContent.
"use strict";

(function () {
  const root = document.getElementById("ops");
  let spec = {};

  // Builds an element: el("p", {class: "x"}, "text", child, ...).
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const k of kids.flat()) if (k != null && k !== "") e.append(k);
    return e;
  }

  // Text with `code` spans, the only markdown the descriptions use.
  function prose(text, tag) {
    const parts = String(text || "").split("`");
    return el(tag || "p", { class: "prose" }, parts.map((p, i) => (i % 2 ? el("code", {}, p) : p)));
  }

  // A <details> whose content is built the first time it is opened, so the page stays light.
  function lazy(attrs, summary, build) {
    const d = el("details", attrs, summary);
    d.addEventListener("toggle", () => {
      if (d.open && !d.dataset.built) { d.dataset.built = "1"; d.append(...[build()].flat()); }
    });
    return d;
  }

  function refName(ref) {
    return ref.split("/").pop();
  }

  // Follows a local `$ref` such as `#/components/schemas/UserOut`.
  function resolve(obj) {
    if (!obj || !obj.$ref) return obj || {};
    const path = obj.$ref.replace(/^#\//, "").split("/").map(decodeURIComponent);
    return path.reduce((o, k) => (o ? o[k] : undefined), spec) || {};
  }

  // A short type label: "string | null", "integer (int64)", "UserOut[]".
  function typeLabel(s) {
    if (!s) return "any";
    if (s.$ref) return refName(s.$ref);
    const alts = s.oneOf || s.anyOf;
    if (alts) return alts.map(typeLabel).join(" | ");
    if (s.allOf) return s.allOf.map(typeLabel).join(" & ");
    let types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    types = types.map((t) => (t === "array" ? typeLabel(s.items) + "[]" : t));
    let label = types.join(" | ") || (s.properties ? "object" : "any");
    if (s.format) label += " (" + s.format + ")";
    if (s.enum) label += ": " + s.enum.map((v) => JSON.stringify(v)).join(", ");
    return label;
  }

  // The object schema worth expanding behind a field, if any (through arrays and nullables).
  function nested(s) {
    if (!s) return null;
    if (s.$ref) return s;
    if (s.items) return nested(s.items);
    for (const alt of s.oneOf || s.anyOf || s.allOf || []) {
      const n = nested(alt);
      if (n) return n;
    }
    return s.properties ? s : null;
  }

  // A schema as a table of its properties, nested objects folded; `seen` stops recursion.
  function schemaView(schema, seen) {
    seen = seen || [];
    const name = schema && schema.$ref ? refName(schema.$ref) : null;
    const s = resolve(schema);
    const box = el("div", { class: "schema" });
    if (name) box.append(el("div", { class: "schema-name" }, name));
    if (s.description) box.append(prose(s.description));
    if (!s.properties) {
      const inner = nested(s);
      if (inner && inner !== s) box.append(el("p", {}, "Type: ", el("code", {}, typeLabel(s))), schemaView(inner, seen));
      else box.append(el("p", {}, "Type: ", el("code", {}, typeLabel(s))));
      if (s.example !== undefined) box.append(el("pre", {}, JSON.stringify(s.example)));
      return box;
    }
    const required = s.required || [];
    const rows = Object.entries(s.properties).map(([prop, p]) => {
      const desc = el("td", {}, prose(p.description || resolve(p).description || "", "div"));
      if (p.example !== undefined) desc.append(el("div", { class: "example" }, "Example: ", el("code", {}, JSON.stringify(p.example))));
      const inner = nested(p);
      const key = inner && inner.$ref;
      if (inner && !(key && seen.includes(key))) {
        const title = el("summary", {}, "Fields of " + (key ? refName(key) : prop));
        desc.append(lazy({}, title, () => schemaView(inner, key ? seen.concat(key) : seen)));
      }
      return el("tr", {},
        el("td", {}, el("code", {}, prop), required.includes(prop) ? el("span", { class: "req" }, " required") : ""),
        el("td", {}, el("code", {}, typeLabel(p))),
        desc);
    });
    const head = el("tr", {}, el("th", {}, "Field"), el("th", {}, "Type"), el("th", {}, "Description"));
    box.append(el("div", { class: "scroll" }, el("table", {}, el("thead", {}, head), el("tbody", {}, rows))));
    if (s.additionalProperties === false) box.append(el("p", { class: "note" }, "Other fields are refused."));
    return box;
  }

  function contentView(content) {
    return Object.entries(content || {}).map(([type, media]) =>
      el("div", {}, el("div", { class: "media" }, type), media.schema ? schemaView(media.schema, []) : ""));
  }

  function parametersView(params) {
    const rows = params.map((p) => el("tr", {},
      el("td", {}, el("code", {}, p.name), p.required ? el("span", { class: "req" }, " required") : ""),
      el("td", {}, p.in),
      el("td", {}, el("code", {}, typeLabel(p.schema))),
      el("td", {}, prose(p.description || "", "div"))));
    const head = el("tr", {}, ["Name", "In", "Type", "Description"].map((h) => el("th", {}, h)));
    return el("div", { class: "scroll" }, el("table", {}, el("thead", {}, head), el("tbody", {}, rows)));
  }

  function operationView(method, path, op) {
    const id = op.operationId || method + path;
    const summary = el("summary", {},
      el("span", { class: "method " + method }, method.toUpperCase()), " ",
      el("code", { class: "path" }, path), " ",
      el("span", { class: "sum" }, (op.summary || "").replace(/`/g, "")));
    return lazy({ class: "op", id: id }, summary, () => operationBody(op));
  }

  function operationBody(op) {
    const body = el("div", { class: "op-body" });
    if (op.description) body.append(prose(op.description));
    if (op.security && op.security.length) body.append(el("p", { class: "note" }, "Needs an API token: Authorization: Bearer <token>"));
    if (op.parameters && op.parameters.length) body.append(el("h4", {}, "Parameters"), parametersView(op.parameters));
    if (op.requestBody) body.append(el("h4", {}, "Request body"), ...contentView(op.requestBody.content));
    body.append(el("h4", {}, "Responses"));
    for (const [code, r] of Object.entries(op.responses || {})) {
      const res = resolve(r);
      body.append(el("div", { class: "response" },
        el("div", {}, el("span", { class: "code c" + code[0] }, code), " ", res.description || ""),
        contentView(res.content)));
    }
    return body;
  }

  function render() {
    const info = spec.info || {};
    document.title = (info.title || "API") + " " + (info.version || "");
    const groups = new Map((spec.tags || []).map((t) => [t.name, { tag: t, ops: [] }]));
    for (const [path, item] of Object.entries(spec.paths || {})) {
      for (const method of ["get", "post", "put", "patch", "delete"]) {
        const op = item[method];
        if (!op) continue;
        const tag = (op.tags && op.tags[0]) || "other";
        if (!groups.has(tag)) groups.set(tag, { tag: { name: tag }, ops: [] });
        groups.get(tag).ops.push(operationView(method, path, op));
      }
    }
    const nav = el("nav", { "aria-label": "Tags" });
    const sections = [];
    for (const { tag, ops } of groups.values()) {
      if (!ops.length) continue;
      nav.append(el("a", { href: "#tag-" + tag.name }, tag.name));
      sections.push(el("section", { id: "tag-" + tag.name },
        el("h2", {}, tag.name), tag.description ? prose(tag.description) : "", ops));
    }
    root.replaceChildren(
      el("p", { class: "meta" }, "Version " + (info.version || "?") + " · OpenAPI " + (spec.openapi || "?")),
      info.description ? prose(info.description) : "",
      nav, ...sections);
    if (location.hash) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) { if (target.tagName === "DETAILS") target.open = true; target.scrollIntoView(); }
    }
  }

  fetch("/api/v1/openapi.json")
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then((doc) => { spec = doc; render(); })
    .catch((e) => root.replaceChildren(el("p", { class: "error" }, "Could not load the API description: " + e.message)));
})();
