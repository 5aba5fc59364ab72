// Search page: Pagefind's JavaScript API with a Vietnamese-aware interface.
//
// The index holds each article's text as written, except that every word holding đ is
// followed by its folded form ("Điện-dien", vietnamese.search_copy): Pagefind indexes both
// parts of a hyphenated word at its place. The index is opened twice (two instances of
// pagefind.js): a query typed with diacritics is searched with exactDiacritics, so it
// matches exactly ("Thanh Trường" is not "thành trưởng"); a query typed without any is
// searched with Pagefind's own folding of the other diacritics, so "dien bien" finds
// "Điện Biên" and "dang vien" finds "đảng viên". Quoted phrases work both ways.
// The index is sharded by publication year (archivist/search.py): pagefind/shards.json lists
// one Pagefind bundle per year, newest first, and one for undated articles; the first is
// Pagefind's primary index and the others are merged into it (mergeIndex), each tagged with
// a synthetic filter SHARD naming its shard. Filters and facet counts are summed over all
// shards by Pagefind. Three things of one index are not given by a merge and are rebuilt here:
// - which words occur: Pagefind replaces a word it cannot find by the longest word that
//   prefixes it, or drops it, and with shards it does so in each shard apart, so the shards
//   where some typed word does not occur are left out (makePlan);
// - comparable scores: Pagefind weighs a word by its rarity in the shard, so a word rare in
//   one year would lift that year's pages; each shard's scores are scaled to the rarity
//   over all shards (shardWeight), knowing each result's shard from its score (shardIndex);
// - the date sort: merged results are ordered by score, which under a sort is the rank
//   inside each shard, so a date sort searches shard by shard, newest shard first.
// A classic script (not a module) so that it also runs from file://, where it explains
// that search needs a web server.
// State lives in the URL: ?q=…&tinh=…&huyen=…&xa=…&chu-de=…&nam=…&nguon=…&sap-xep=ngay.

"use strict";

const FILTERS = ["tinh", "huyen", "xa", "chu-de", "nam", "nguon"];
const SHARD = "_shard";
const PHRASE = /^\s*".+"\s*$/; // a query Pagefind searches as an exact phrase
const PAGE = 10;
const LEAD = 30; // results of an unaccented query of several words checked for the phrase
const CHECKED = 300; // results of a quoted unaccented phrase checked (their text is fetched)

const form = document.getElementById("search-form");
const input = document.getElementById("q");
const sortSelect = document.getElementById("sort");
const status = document.getElementById("search-status");
const list = document.getElementById("results");
const facets = document.getElementById("facets");
const more = document.getElementById("more");
const text = {};
for (const node of document.getElementById("labels").content.querySelectorAll("[data-key]")) {
  text[node.dataset.key] = node.textContent;
}

function say(key, values = {}) {
  return text[key].replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
}

function fold(value) {
  return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}

function hasDiacritics(value) {
  return fold(value) !== value.toLowerCase();
}

// The promise made for key, made once; one that fails is dropped, so the next call tries again.
function once(map, key, make) {
  if (!map.has(key)) {
    const promise = make();
    map.set(key, promise);
    promise.catch(() => map.get(key) === promise && map.delete(key));
  }
  return map.get(key);
}

// A word of the indexed text as written: "Điện-dien" is "Điện".
const COMPOUND = /([\p{L}\p{N}]*[đĐ][\p{L}\p{N}]*)-([a-z0-9]+)/gu;

function written(word) {
  return word.replace(COMPOUND, (all, shown, folded) => (fold(shown) === folded ? shown : all));
}

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const key of FILTERS) {
    const values = params.getAll(key).map((v) => v.normalize("NFC")).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  return { q: (params.get("q") || "").normalize("NFC").trim(), filters, sort: params.get("sap-xep") === "ngay" ? "ngay" : "" };
}

function writeState(state, push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const key of FILTERS) for (const value of state.filters[key] || []) params.append(key, value);
  if (state.sort) params.set("sap-xep", state.sort);
  const query = params.toString().replace(/\+/g, "%20");
  const target = location.pathname + (query ? "?" + query : "");
  if (target !== location.pathname + location.search) {
    history[push ? "pushState" : "replaceState"](null, "", target);
  }
}

function pagefindFilters(filters, except) {
  const out = {};
  for (const [key, values] of Object.entries(filters)) {
    if (key !== except && values.length) out[key] = { any: values };
  }
  return out;
}

function formatDate(iso) {
  if (!iso) return say("undated");
  const [y, m, d] = iso.split("-");
  if (d) return `${d}/${m}/${y}`;
  if (m) return say("month", { m: String(Number(m)), y });
  return say("year", { y });
}

// Pagefind excerpts are HTML with <mark>; rebuild them as text nodes and <mark> elements.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild;
  const nodes = [];
  for (const child of parsed.childNodes) {
    if (child.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = child.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(child.textContent));
    }
  }
  return nodes;
}

// Excerpt from the words as written, around the densest cluster of matches, where a match
// next to another (the typed words together) counts twice; it starts a few words before
// the cluster's first such pair, or its first match, and not before that sentence.
const WINDOW = 30;

function originalExcerpt(data) {
  const words = data.content.split(/\s+/).filter(Boolean);
  if (!data.locations.length) return null;
  const hits = [...new Set(data.locations)].sort((a, b) => a - b);
  if (hits[hits.length - 1] >= words.length) return null;
  const found = new Set(hits);
  const paired = (at) => found.has(at - 1) || found.has(at + 1);
  let best = 0;
  let bestScore = 0;
  for (let i = 0, j = 0, score = 0; i < hits.length; i += 1) {
    score += paired(hits[i]) ? 2 : 1;
    while (hits[j] < hits[i] - WINDOW + 1) {
      score -= paired(hits[j]) ? 2 : 1;
      j += 1;
    }
    if (score > bestScore) {
      bestScore = score;
      best = j;
    }
  }
  const cluster = hits.slice(best).filter((at) => at < hits[best] + WINDOW);
  const anchor = cluster.find(paired) ?? cluster[0];
  let start = Math.max(0, anchor - 6);
  for (let at = anchor - 1; at >= start; at -= 1) {
    if (/[.!?:;]["”’)]*$/.test(words[at])) {
      start = at + 1;
      break;
    }
  }
  const end = Math.min(words.length, start + WINDOW);
  const marks = new Set(hits);
  const nodes = [];
  if (start > 0) nodes.push(document.createTextNode("… "));
  for (let at = start; at < end; at += 1) {
    if (marks.has(at)) {
      const mark = document.createElement("mark");
      mark.textContent = written(words[at]);
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(written(words[at])));
    }
    if (at + 1 < end) nodes.push(document.createTextNode(" "));
  }
  if (end < words.length) nodes.push(document.createTextNode(" …"));
  return nodes;
}

// Whether the words as typed stand together in a result, the last possibly the start of
// a word: an unaccented phrase is checked here, on the result's text, because Pagefind's
// phrase search misses pages holding a word in more than one form ("thanh", "thành").
function phraseIn(data, terms) {
  const words = data.content.split(/\s+/).map((w) => fold(written(w)).replace(/[^\p{L}\p{N}]/gu, ""));
  const last = terms.length - 1;
  for (let i = 0; i + last < words.length; i += 1) {
    if (terms.every((term, k) => (k === last ? words[i + k].startsWith(term) : words[i + k] === term))) return true;
  }
  return false;
}

function phraseTerms(query) {
  return fold(query).replace(/"/g, " ").split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean);
}

async function withPhrase(results, term) {
  const terms = phraseTerms(term);
  const datas = await Promise.all(results.map((result) => result.data()));
  return results.filter((_, i) => phraseIn(datas[i], terms));
}

// Pagefind replaces a word it cannot find by the longest prefix it can (so "xyzzy" would
// find "xã"); that substitution applies to every result alike, so checking the best result
// tells whether each typed word really occurs.
async function matchesEveryWord(result, query) {
  const data = await result.data();
  const exact = hasDiacritics(query);
  const norm = (w) => (exact ? written(w).toLowerCase() : fold(written(w))).replace(/[^\p{L}\p{N}]/gu, "");
  const words = data.content.split(/\s+/);
  const found = new Set(data.locations.map((at) => norm(words[at] || "")));
  const terms = query.replace(/"/g, " ").split(/\s+/).map(norm).filter(Boolean);
  return terms.every((term) => [...found].some((word) => word.startsWith(term)));
}

function resultItem(data) {
  const item = document.createElement("li");
  const article = document.createElement("article");
  const heading = document.createElement("h3");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [formatDate(data.meta.date), data.meta.place].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  excerpt.append(...(originalExcerpt(data) || excerptNodes(data.excerpt)));
  article.append(heading, meta, excerpt);
  item.append(article);
  return item;
}

function renderFacets(counts, state, onChange) {
  facets.replaceChildren();
  for (const key of FILTERS) {
    const values = counts[key] || {};
    const selected = state.filters[key] || [];
    const names = Object.keys(values).filter((v) => values[v] > 0 || selected.includes(v));
    if (!names.length) continue;
    names.sort((a, b) => (key === "nam" ? b.localeCompare(a, "vi") : a.localeCompare(b, "vi")));
    const group = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = say(key);
    group.append(legend);
    for (const name of names) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = key;
      box.value = name;
      box.checked = selected.includes(name);
      box.addEventListener("change", onChange);
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = String(values[name] || 0);
      label.append(box, " " + name + " ", count);
      group.append(label);
    }
    facets.append(group);
  }
}

async function main() {
  if (location.protocol === "file:") {
    status.textContent = say("file");
    return;
  }
  let shards = [];
  const sizes = {};
  let tag = 0;
  let allFilters = {};
  const bundle = new URL(form.dataset.bundle, location.href);
  const opened = new Map();
  const openings = { true: 0, false: 0 };

  // The index opened for exact (accented) or folded (unaccented) queries: pagefind.js
  // imported under its own URL for each, so each is its own Pagefind with its own
  // exactDiacritics over all the shards. Opened when first needed, and after a failure
  // opened again under a new URL, as a new Pagefind: one that failed to load a file keeps
  // the failure, and some browsers keep a failed import.
  function open(exact) {
    return once(opened, exact, () => load(exact, ++openings[exact]));
  }

  async function load(exact, opening) {
    if (!shards.length) return null;
    const query = [exact ? "" : "folded", opening > 1 ? `again=${opening}` : ""].filter(Boolean).join("&");
    const pagefind = await import(new URL(`pagefind.js${query ? "?" + query : ""}`, bundle).href);
    const root = new URL(form.dataset.root, location.href).pathname;
    // folded: every form of a word alike, as a reader typing without diacritics means
    const options = { exactDiacritics: exact, baseUrl: root, excerptLength: 30, ranking: { diacriticSimilarity: 0 } };
    const base = (name) => new URL(`${name}/`, bundle).pathname;
    try {
      await pagefind.options({ ...options, basePath: base(shards[0]), mergeFilter: { [SHARD]: shards[0] } });
      await pagefind.init();
      await Promise.all(shards.slice(1).map((name, i) => pagefind.mergeIndex(base(name),
        { ...options, mergeFilter: { [SHARD]: name }, indexWeight: 1 + (i + 1) * tag })));
      allFilters = await pagefind.filters(); // also makes searches return facet counts
    } catch (error) {
      pagefind.destroy().catch(() => {}); // its worker
      throw error;
    }
    return pagefind;
  }

  // Drops an opened index, to be opened afresh by the next query, and every plan made with it.
  function forget(exact) {
    const opening = opened.get(exact);
    opened.delete(exact);
    plans.clear();
    opening?.then((pagefind) => pagefind?.destroy()).catch(() => {});
  }

  try {
    const manifest = await fetch(new URL("shards.json", bundle));
    if (!manifest.ok) throw new Error(`${manifest.url}: ${manifest.status}`);
    for (const shard of (await manifest.json()).shards) {
      shards.push(shard.name);
      sizes[shard.name] = shard.pages;
    }
    tag = 2 ** -(26 + Math.ceil(Math.log2(Math.max(shards.length, 1))));
    await open(hasDiacritics(readState().q));
  } catch (error) {
    status.textContent = say("error");
    throw error;
  }

  // A search of the query's index. An archive without articles has no shard: every
  // search finds nothing.
  async function find(term, options, query = term) {
    const pagefind = await open(hasDiacritics(query));
    return pagefind ? pagefind.search(term, options) : { results: [], filters: {} };
  }

  function inShard(search, name) {
    return (search.filters[SHARD] || {})[name] || 0;
  }

  // What a query needs to be searched over the shards, once per query: { valid: the shards
  // whose results are real, or null for all of them; all: the unfiltered search when it
  // can stand for the query's, or null; weight: shard → factor for its scores }.
  // Real results: those of shards where each typed word occurs, as a word or the start of
  // one (see matchesEveryWord). A shard where every word occurs exactly needs no more; the
  // others are judged on their best result.
  const plans = new Map();

  function planOf(term, query) {
    return once(plans, term, () => makePlan(term, query));
  }

  async function makePlan(term, query) {
    if (shards.length < 2) return { valid: null, all: null, weight: {} }; // one shard is one index
    const words = term.replace(/"/g, " ").split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
    const exact = await Promise.all(words.map((word) => find(`"${word}"`, {}, term)));
    const weight = shardWeight(exact.map((found) => found.filters[SHARD] || {}));
    if (PHRASE.test(term)) return { valid: null, all: null, weight }; // a phrase stands in no word
    const all = await find(term, {});
    const hits = shards.filter((name) => inShard(all, name) > 0);
    const checks = await Promise.all(hits.map(async (name) => {
      if (exact.every((found) => inShard(found, name) > 0)) return true;
      const best = await find(term, { filters: { [SHARD]: { any: [name] } } });
      return best.results.length > 0 && (await matchesEveryWord(best.results[0], query));
    }));
    const valid = hits.filter((_, i) => checks[i]);
    return valid.length === hits.length ? { valid: null, all, weight } : { valid, all: null, weight };
  }

  // Pagefind adds up, over the words, BM25's inverse document frequency (rarity in the
  // shard) times the word's frequency in the page. A shard's factor turns the rarities of
  // the typed words in it into their rarities over all shards, as one index has them.
  // pages: for each word, shard → pages holding it.
  function shardWeight(pages) {
    const idf = (total, holding) => Math.log((total - holding + 0.5) / (holding + 0.5) + 1);
    const total = shards.reduce((sum, name) => sum + sizes[name], 0);
    const overall = pages.reduce((sum, counts) => sum + idf(total, shards.reduce((n, name) => n + (counts[name] || 0), 0)), 0);
    const weight = {};
    for (const name of shards) {
      const own = pages.reduce((sum, counts) => sum + idf(sizes[name], counts[name] || 0), 0);
      weight[name] = own > 0 ? overall / own : 1;
    }
    return weight;
  }

  // Which shard a result comes from: merged shard i multiplies its scores by 1 + i × tag
  // (Pagefind's indexWeight), far too little to change an order. Pagefind's scores are
  // 32-bit floats, so Math.fround gives back the score before that, and the ratio gives i.
  // null when it cannot tell (a score of 0).
  function shardIndex(result) {
    const raw = Math.fround(result.score);
    if (!raw) return null;
    const i = (result.score / raw - 1) / (tag || 1);
    const k = Math.round(i);
    return Math.abs(i - k) < 0.01 && k >= 0 && k < shards.length ? k : null;
  }

  // Results by score, each shard's scores multiplied by its weight; ties: newest shard first.
  function rank(found, weight) {
    const keyed = found.map((result, at) => {
      const k = shardIndex(result);
      const score = Math.fround(result.score) * (k === null ? 1 : weight[shards[k]] ?? 1);
      return { result, at, k: k ?? 0, score };
    });
    keyed.sort((a, b) => b.score - a.score || a.k - b.k || a.at - b.at);
    return keyed.map((x) => x.result);
  }

  let state = readState();
  let results = [];
  let shown = 0;
  let run = 0;

  async function showMore() {
    const slice = results.slice(shown, shown + PAGE);
    shown += slice.length;
    const datas = await Promise.all(slice.map((r) => r.data()));
    list.append(...datas.map((data) => resultItem(data)));
    more.hidden = shown >= results.length;
  }

  function onFilterChange() {
    const filters = {};
    for (const box of facets.querySelectorAll("input[type=checkbox]:checked")) {
      (filters[box.name] ||= []).push(box.value);
    }
    state = { ...state, filters };
    writeState(state, true);
    execute();
  }

  // A step of the query numbered mine. A failure to open the index or to search (a file
  // of the index that did not load) ends the query with the error status, no results and
  // no facets; the query's index is opened afresh for the next query.
  async function guarded(mine, step) {
    const q = state.q;
    try {
      await step();
    } catch (error) {
      if (mine === run) {
        if (q) forget(hasDiacritics(q));
        results = [];
        shown = 0;
        list.replaceChildren();
        facets.replaceChildren();
        more.hidden = true;
        status.textContent = say("error");
      }
      throw error;
    }
  }

  function execute() {
    const mine = ++run;
    return guarded(mine, () => answer(mine));
  }

  async function answer(mine) {
    input.value = state.q;
    sortSelect.value = state.sort;
    const hasFilters = Object.keys(state.filters).length > 0;
    if (!state.q && !hasFilters) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = say("idle");
      renderFacets(allFilters, state, onFilterChange);
      return;
    }
    if (!state.q) {
      await showBrowseLinks(mine);
      return;
    }
    status.textContent = say("searching");
    // An unaccented phrase is searched as its words, then checked on the results' text.
    const folded = !hasDiacritics(state.q);
    const quoted = folded && PHRASE.test(state.q);
    const term = quoted ? state.q.replace(/"/g, " ").trim() : state.q;
    const sort = state.sort === "ngay" ? { date: "desc" } : undefined;
    const { valid, all, weight } = await planOf(term, state.q);
    const only = valid ? { [SHARD]: { any: valid } } : {};
    const filtersFor = (except) => ({ ...pagefindFilters(state.filters, except), ...only });
    let ranked = [];
    let counts = {};
    if (!valid || valid.length) {
      const plain = all && !sort && !Object.keys(state.filters).length;
      const search = plain ? all : await find(term, { filters: filtersFor(), sort });
      const found = shards.filter((name) => inShard(search, name) > 0);
      if (sort && found.length > 1) {
        // newest shard first, each in Pagefind's date order
        const parts = await Promise.all(found.map((name) => find(term, { filters: { ...filtersFor(), [SHARD]: { any: [name] } }, sort })));
        ranked = parts.flatMap((part) => part.results);
      } else if (sort) {
        ranked = search.results;
      } else {
        // an exact phrase scores every page alike, there is no rarity to weigh
        ranked = rank(search.results, PHRASE.test(term) ? {} : weight);
        if (!term.includes('"') && /\s/.test(term)) {
          // Pages holding the words as a phrase come first (Pagefind ranks words independently),
          // in the order of their words' scores.
          const phrase = folded ? { results: await withPhrase(ranked.slice(0, LEAD), term) } : await find(`"${term}"`, { filters: filtersFor() });
          // The results kept are the word search's: a phrase result may carry no word locations.
          const first = new Set(phrase.results.map((r) => r.id));
          const known = new Set(ranked.map((r) => r.id));
          const lead = [...ranked.filter((r) => first.has(r.id)), ...phrase.results.filter((r) => !known.has(r.id))];
          ranked = [...lead, ...ranked.filter((r) => !first.has(r.id))];
        }
      }
      // facet counts: OR inside a group, AND across groups
      counts = { ...search.filters };
      for (const key of Object.keys(state.filters)) {
        const other = await find(term, { filters: filtersFor(key) });
        counts[key] = other.filters[key];
      }
    }
    results = ranked;
    let capped = 0;
    if (quoted) {
      if (results.length > CHECKED) capped = CHECKED;
      results = await withPhrase(results.slice(0, CHECKED), term);
      counts = {};
      for (const result of results) {
        for (const [key, values] of Object.entries((await result.data()).filters)) {
          counts[key] ||= {};
          for (const value of values) counts[key][value] = (counts[key][value] || 0) + 1;
        }
      }
    }
    if (state.q && results.length && !(await matchesEveryWord(results[0], state.q))) results = [];
    if (mine !== run) return;
    shown = 0;
    list.replaceChildren();
    renderFacets(counts, state, onFilterChange);
    await showMore();
    const n = results.length;
    status.textContent = n
      ? say(capped ? "results-capped" : state.q ? "results" : "results-filter", { n, q: state.q, m: capped })
      : say(state.q ? "none" : "none-filter", { q: state.q });
  }

  // A filter alone opens the static pages of the chosen places, topics, years or sources:
  // a filter-only Pagefind search would download the whole index.
  let browse = null;
  async function showBrowseLinks(mine) {
    browse ||= await (await fetch(new URL(form.dataset.browse, location.href))).json();
    if (mine !== run) return;
    const root = new URL(form.dataset.root, location.href);
    const items = [];
    for (const key of FILTERS) {
      for (const value of state.filters[key] || []) {
        const lookup = key === "nam" && value === say("undated-year") ? "" : value;
        for (const [label, route, n] of (browse[key] || {})[lookup] || []) {
          const item = document.createElement("li");
          const heading = document.createElement("h3");
          const link = document.createElement("a");
          link.href = new URL(route, root).href;
          link.textContent = say("browse-item", { label: label || value, n });
          heading.append(link);
          item.append(heading);
          items.push(item);
        }
      }
    }
    results = [];
    shown = 0;
    more.hidden = true;
    list.replaceChildren(...items);
    renderFacets(allFilters, state, onFilterChange);
    status.textContent = say("browse");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state = { ...state, q: input.value.normalize("NFC").trim() };
    writeState(state, true);
    execute();
  });
  sortSelect.addEventListener("change", () => {
    state = { ...state, sort: sortSelect.value };
    writeState(state, true);
    execute();
  });
  more.addEventListener("click", () => guarded(run, showMore));
  window.addEventListener("popstate", () => {
    state = readState();
    execute();
  });
  await execute();
}

main();
