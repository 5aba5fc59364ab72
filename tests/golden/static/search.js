// Search page: Pagefind's JavaScript API with a Vietnamese-aware interface.
//
// Each article page has Pagefind index its text as written, then all of it again folded
// ("Điện Biên" → "dien bien", vietnamese.search_fold), word for word. Every query is
// searched with exactDiacritics: one typed with diacritics matches those forms exactly
// ("Thanh Trường" is not "thành trưởng"), one typed without any matches the folded copy,
// so "dien bien" finds "Điện Biên" and "dang vien" finds "đảng viên", phrases included.
// The folded copy's words are marked ("0dien", vietnamese.FOLD_MARK), and so is an
// unaccented query (marked), so each query matches one copy only: "Long Xuyên" does not
// find "lòng". A match in the folded copy is shown as the word as written, at the same
// place of the text (copyOffset).
// Filters without a keyword are answered from the browse data (makeBrowse), without the
// index; the page opens the index with the first keyword query, and loads the filters'
// values (for a keyword query's facet counts) once its first results are shown.
// The index is sharded by publication year (archivist/build/search.py): pagefind/shards.json lists
// one Pagefind bundle per year, newest first, and one for undated articles. A query is
// searched over the shards where each of its words occurs (the word directory, candidates):
// a view of those shards, in one Pagefind instance or, on a device with the cores, a few
// searched at once (makeView), each a primary index with shards merged into it (mergeIndex),
// every shard tagged with a synthetic filter SHARD naming it; a word that occurs nowhere is
// answered without opening any. Filters and facet counts are summed over the view's shards.
// Three things of one index are not given by a merge and are rebuilt here:
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
const INSTANCES = 4; // Pagefind instances (a worker each) for a view at most, as cores allow (instancesFor)
const INSTANCE_PAGES = 20000; // pages that hold a query's words, for each instance at least
const TYPING = 300; // ms without typing before a query typed is searched
const TYPED = 2; // characters a query typed needs before it is searched (Enter searches any)

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
  return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐðÐ]/g, "d").toLowerCase();
}

// Words of the folded copy and of unaccented queries: each run of letters and digits that
// is not all digits gets MARK before it (vietnamese.search_fold).
const MARK = "0";
const RUN = /[\p{L}\p{N}]+/gu;
const DIGITS = /^\p{Nd}+$/u;

function marked(query) {
  return fold(query).replace(RUN, (run) => (DIGITS.test(run) ? run : MARK + run));
}

function unmarked(word) {
  return word.replace(RUN, (run) => (DIGITS.test(run) ? run : run.slice(MARK.length)));
}

// The words of a query as Pagefind's search reads them (pagefind.js, PagefindInstance.search:
// each grapheme lowercased, punctuation dropped by its pattern, as it is written there; words
// split at spaces) before it removes diacritics: with exactDiacritics, a word matches the
// forms in the index that start with it so read (searchwords.py).
const PUNCTUATION = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u;

function queryWords(term) {
  const graphemes = typeof Intl.Segmenter === "function"
    ? [...new Intl.Segmenter("vi", { granularity: "grapheme" }).segment(term)].map((part) => part.segment)
    : [...term];
  const kept = graphemes.filter((grapheme) => !PUNCTUATION.test(grapheme)).map((grapheme) => grapheme.toLocaleLowerCase());
  return kept.join("").split(/\s+/).filter(Boolean);
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

// The indexed text is the text as written followed by its folded copy, word for word: the
// number of words of the first part, or null when the two halves do not pair up.
function copyOffset(words) {
  const half = words.length / 2;
  if (!Number.isInteger(half)) return null;
  for (let at = 0; at < half; at += Math.max(1, Math.floor(half / 50))) {
    if (fold(words[at]) !== unmarked(words[at + half])) return null;
  }
  return half;
}

// The match locations of a result in the text as written (those in the folded copy moved
// to their place), sorted, and the words of that text.
function writtenHits(data) {
  const words = data.content.split(/\s+/).filter(Boolean);
  const half = copyOffset(words);
  const hits = [...new Set(data.locations.map((at) => (half !== null && at >= half ? at - half : at)))];
  return { words: half === null ? words : words.slice(0, half), hits: hits.sort((a, b) => a - b) };
}

function originalExcerpt(data) {
  if (!data.locations.length) return null;
  const { words, hits } = writtenHits(data);
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
      mark.textContent = words[at];
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(words[at]));
    }
    if (at + 1 < end) nodes.push(document.createTextNode(" "));
  }
  if (end < words.length) nodes.push(document.createTextNode(" …"));
  return nodes;
}

// Pagefind replaces a word it cannot find by the longest prefix it can (so "xyzzy" would
// find "xã"); that substitution applies to every result alike, so checking the best result
// tells whether each typed word really occurs.
// term: the query as searched (marked when unaccented), whose words are compared with
// the matched words as indexed.
async function matchesEveryWord(result, term) {
  const data = await result.data();
  const norm = (w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  const words = data.content.split(/\s+/).filter(Boolean);
  const found = new Set(data.locations.map((at) => norm(words[at] || "")));
  const terms = term.replace(/"/g, " ").split(/\s+/).map(norm).filter(Boolean);
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
  article.append(heading, meta);
  if (data.content !== undefined) {
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.append(...(originalExcerpt(data) || excerptNodes(data.excerpt)));
    article.append(excerpt);
  }
  item.append(article);
  return item;
}

// The filter groups listed: districts once a province or district is chosen, wards once
// a district or ward is (the place tree, level by level).
function shownGroups(filters) {
  const chosen = (...keys) => keys.some((key) => filters[key]);
  return FILTERS.filter((key) => (key === "huyen" ? chosen("tinh", "huyen") : key === "xa" ? chosen("huyen", "xa") : true));
}

function renderFacets(counts, state, onChange) {
  facets.replaceChildren();
  for (const key of shownGroups(state.filters)) {
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

// Browsing by filters without a keyword, from the browse data (archivist/build/browse.py):
// for each filter value, its articles' numbers in site order (newest first). Choices in
// one group are united, groups are intersected, and each group's values are counted
// given the other groups' choices.
function makeBrowse(address) {
  const files = new Map();
  const base = new URL(address, location.href);
  const folder = new URL("duyet/", base);

  function get(url) {
    return once(files, url.href, async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
      return response.json();
    });
  }

  // The year of undated articles is "" in the data and has a label on the page.
  const label = (key, value) => (key === "nam" && value === "" ? say("undated-year") : value);
  const unlabel = (key, value) => (key === "nam" && value === say("undated-year") ? "" : value);

  function decode(tokens) {
    const ids = [];
    let at = -1;
    for (const token of tokens) {
      if (token > 0) ids.push((at += token));
      else for (let k = token; k < 0; k += 1) ids.push((at += 1));
    }
    return ids;
  }

  // A group's values, each with its articles' numbers, decoded once.
  const groups = new Map();
  function group(key) {
    return once(groups, key, async () => {
      const data = await get(new URL(`${key}.json`, folder));
      const values = new Map(data.values.map((value, i) => [value, i]));
      return { values: data.values, ids: data.ids.map(decode), index: values };
    });
  }

  // The articles a group's choices allow, as a mask over article numbers.
  function allowed(data, chosen, count) {
    const mask = new Uint8Array(count);
    for (const value of chosen) {
      const i = data.index.get(value);
      if (i !== undefined) for (const id of data.ids[i]) mask[id] = 1;
    }
    return mask;
  }

  return {
    main: () => get(base),

    // Counts before any choice: {group: {value: articles}} for the groups the data lists.
    async totals() {
      const main = await this.main();
      const counts = {};
      for (const [key, data] of Object.entries(main.groups)) {
        counts[key] = Object.fromEntries(data.values.map((value, i) => [label(key, value), data.counts[i]]));
      }
      return counts;
    },

    // {ids: matching article numbers, newest first; counts: per shown group, each value's
    // articles given the other groups' choices; without: per chosen group, the articles
    // matching all the other groups' choices (what dropping that group would give)}.
    async select(filters, shown) {
      const main = await this.main();
      const count = main.count;
      const chosen = Object.keys(filters);
      const masks = {};
      await Promise.all(chosen.map(async (key) => {
        masks[key] = allowed(await group(key), filters[key].map((value) => unlabel(key, value)), count);
      }));
      const passes = (id, except) => chosen.every((key) => key === except || masks[key][id]);
      const ids = [];
      for (let id = 0; id < count; id += 1) if (passes(id)) ids.push(id);
      const without = {};
      for (const key of chosen) {
        let n = 0;
        for (let id = 0; id < count; id += 1) if (passes(id, key)) n += 1;
        without[key] = n;
      }
      return { ids, without, counts: () => this.counts(shown, passes) };
    },

    async counts(shown, passes) {
      const counts = {};
      await Promise.all(shown.map(async (key) => {
        const data = await group(key);
        counts[key] = {};
        data.values.forEach((value, i) => {
          let n = 0;
          for (const id of data.ids[i]) if (passes(id, key)) n += 1;
          counts[key][label(key, value)] = n;
        });
      }));
      return counts;
    },

    // What a result shows of article number id: {url, meta: {title, date, place}}.
    async article(id) {
      const main = await this.main();
      const rows = await get(new URL(`bai/${Math.floor(id / main.chunk)}.json`, folder));
      const [href, title, date, place] = rows[id % main.chunk];
      return { url: new URL(href, new URL(form.dataset.root, location.href)).href, meta: { title, date, place } };
    },
  };
}

async function main() {
  if (location.protocol === "file:") {
    status.textContent = say("file");
    return;
  }
  const bundle = new URL(form.dataset.bundle, location.href);
  const manifest = { shards: [], sizes: {}, words: [] }; // pagefind/shards.json, read once
  const opened = new Map(); // "shards": the manifest read
  let openings = 0;

  const browse = makeBrowse(form.dataset.browse);
  // The shards, read with the first keyword query: browsing and the page's start need none.
  function readShards() {
    return once(opened, "shards", async () => {
      const response = await fetch(new URL("shards.json", bundle));
      if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
      const data = await response.json();
      for (const shard of data.shards) {
        manifest.shards.push(shard.name);
        manifest.sizes[shard.name] = shard.pages;
      }
      manifest.words = data.words || [];
    });
  }

  // The word directory (archivist/build/searchwords.py): for each form of a word in the
  // index, the shards holding it and on how many pages. A query is searched over the shards
  // where each of its words starts some form; a word found nowhere answers without the index.
  const wordFiles = new Map();
  function wordFile(digest) {
    return once(wordFiles, digest, async () => {
      const response = await fetch(new URL(`words/${digest}.json`, bundle));
      if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
      return response.json();
    });
  }

  // Of a query word: { mask: the shards (a bit mask) where some form starts with it, pages:
  // shard → pages holding it as a whole word }, or null when that would take more than a
  // few files (a word of one letter).
  async function holding(word) {
    const files = manifest.words;
    if ([...word].length < 2 || !files.length) return null;
    const first = Math.max(0, files.findLastIndex(([form]) => form <= word));
    let last = first;
    while (last + 1 < files.length && files[last + 1][0].startsWith(word)) last += 1;
    if (last - first >= 3) return null;
    let mask = 0n;
    const pages = {};
    for (const file of await Promise.all(files.slice(first, last + 1).map(([, digest]) => wordFile(digest)))) {
      file.words.forEach((form, i) => {
        if (!form.startsWith(word)) return;
        const bits = BigInt(`0x${file.shards[i]}`);
        mask |= bits;
        if (form !== word) return;
        const counts = [...file.pages[i]];
        manifest.shards.forEach((name, bit) => {
          if ((bits >> BigInt(bit)) & 1n) pages[name] = counts.shift();
        });
      });
    }
    return { mask, pages };
  }

  // The words of a query term that count (those with a letter or digit), and what the
  // directory says of each: { words, shards: those to search, newest first, where every word
  // may occur; pages: for each word, shard → pages holding it, or null where not known }.
  async function candidates(term) {
    const words = queryWords(term).filter((word) => /[\p{L}\p{N}]/u.test(word));
    const held = await Promise.all(words.map(holding));
    let mask = null;
    for (const found of held) {
      if (found !== null) mask = mask === null ? found.mask : mask & found.mask;
    }
    const shards = manifest.shards.filter((_, i) => mask === null || (mask >> BigInt(i)) & 1n);
    return { words, shards, pages: held.map((found) => found && found.pages) };
  }

  // How many Pagefind instances a query is searched in. Pagefind scores a query in one worker
  // per instance, in time that grows with the pages holding its words (the directory's
  // counts; a word it does not know counts every page of the shards), so a query of common
  // words is searched in several instances at once, as many as the device has cores for (up
  // to INSTANCES, each of at least two shards and INSTANCE_PAGES such pages: an instance
  // costs ~110 KB more, which a few thousand pages do not repay).
  function instancesFor({ shards, pages }) {
    const cores = Math.max(1, navigator.hardwareConcurrency || 1);
    const holding = pages.reduce((sum, counts) => sum + shards.reduce((n, name) =>
      n + (counts ? counts[name] || 0 : manifest.sizes[name]), 0), 0);
    return Math.max(1, Math.min(INSTANCES, cores, Math.floor(shards.length / 2), Math.floor(holding / INSTANCE_PAGES)));
  }

  // An index over some of the shards in some instances (a view), kept for the queries that need
  // the same; the least recently used beyond VIEWS is closed.
  const views = new Map();
  const VIEWS = 3;
  function viewOf(names, count) {
    const key = `${count}\n${names.join("\n")}`;
    const view = views.get(key) || makeView(names, count);
    views.delete(key);
    views.set(key, view);
    for (const [old, stale] of views) {
      if (views.size <= VIEWS) break;
      views.delete(old);
      stale.close();
    }
    return view;
  }

  // Closes every view, so that the next query opens its index afresh.
  function forget() {
    for (const view of views.values()) view.close();
    views.clear();
  }

  // A view: Pagefind over the shards `shards`, tagged with the filter SHARD, in `count`
  // instances searched at once (instancesFor), each one shard as its primary index and others
  // merged into it; the shards are dealt to the instances in turn.
  function makeView(shards, count) {
    const parts = Array.from({ length: count }, (_, i) => shards.filter((_, k) => k % count === i));
    const plans = new Map();
    const shardOf = new WeakMap(); // a result → the name of its shard
    let index = null;
    let counting = null;

    // The instances, opened when first needed. A view opened again after a failure imports
    // Pagefind under a new URL, as a new Pagefind: one that failed to load a file keeps the
    // failure, and some browsers keep a failed import; so does every instance after the first.
    function open() {
      index ||= Promise.allSettled(parts.map((names) => load(names, ++openings))).then((opened) => {
        const failed = opened.find((result) => result.status === "rejected");
        if (!failed) return opened.map((result) => result.value);
        for (const result of opened) if (result.status === "fulfilled") result.value.pagefind.destroy().catch(() => {});
        throw failed.reason;
      });
      return index;
    }

    // One instance over the shards `names`: merged shard i multiplies its scores by
    // 1 + i × tag (Pagefind's indexWeight), far too little to change an order. Pagefind's
    // scores are 32-bit floats, so Math.fround gives back the score before that, and the
    // ratio gives i, hence each result's shard (shardOf).
    async function load(names, opening) {
      const tag = 2 ** -(26 + Math.ceil(Math.log2(names.length)));
      const pagefind = await import(new URL(`pagefind.js${opening > 1 ? `?again=${opening}` : ""}`, bundle).href);
      const root = new URL(form.dataset.root, location.href).pathname;
      // exactDiacritics: the word directory (candidates) lists the forms it matches
      const options = { exactDiacritics: true, baseUrl: root, excerptLength: 30 };
      const base = (name) => new URL(`${name}/`, bundle).pathname;
      try {
        await pagefind.options({ ...options, basePath: base(names[0]), mergeFilter: { [SHARD]: names[0] } });
        await pagefind.init();
        // init() does not wait for the primary index, and Pagefind merges into it only once it
        // has loaded, waiting for ever if a file of it fails; a search waits for it, and fails
        // with it (an empty preload fetches nothing)
        await pagefind.preload("");
        await Promise.all(names.slice(1).map((name, i) => pagefind.mergeIndex(base(name),
          { ...options, mergeFilter: { [SHARD]: name }, indexWeight: 1 + (i + 1) * tag })));
      } catch (error) {
        pagefind.destroy().catch(() => {}); // its worker
        throw error;
      }
      const shardIndex = (result) => {
        const raw = Math.fround(result.score);
        if (!raw) return null;
        const i = (result.score / raw - 1) / tag;
        const k = Math.round(i);
        return Math.abs(i - k) < 0.01 && k >= 0 && k < names.length ? k : null;
      };
      return { names, pagefind, shardIndex };
    }

    // The filters' values loaded, so that searches return facet counts: after a query's
    // first results, as they are not needed for those.
    async function countable() {
      const instances = await open();
      counting ||= Promise.all(instances.map(({ pagefind }) => pagefind.filters()));
      return counting;
    }

    function close() {
      index?.then((instances) => instances.forEach(({ pagefind }) => pagefind.destroy())).catch(() => {});
    }

    // A search of the view: of each instance holding a shard the SHARD filter allows, at
    // once; their results by score as one instance gives them (a sorted search is asked of
    // one shard, or finds pages in one), their counts added up.
    async function find(term, options = {}) {
      const only = options.filters?.[SHARD]?.any;
      const asked = (await open()).filter(({ names }) => !only || names.some((name) => only.includes(name)));
      const found = await Promise.all(asked.map(async ({ names, pagefind, shardIndex }) => {
        const search = await pagefind.search(term, options);
        for (const result of search.results) {
          const k = shardIndex(result);
          if (k !== null) shardOf.set(result, names[k]);
        }
        return search;
      }));
      const filters = {};
      for (const search of found) {
        for (const [key, values] of Object.entries(search.filters || {})) {
          filters[key] ||= {};
          for (const [value, n] of Object.entries(values)) filters[key][value] = (filters[key][value] || 0) + n;
        }
      }
      const results = found.flatMap((search) => search.results);
      if (found.length > 1 && !options.sort) results.sort((a, b) => Math.fround(b.score) - Math.fround(a.score));
      return { results, filters };
    }

    // What a query needs to be searched over the shards, once per query: { valid: the shards
    // whose results are real, or null for all of them; all: the unfiltered search when it
    // can stand for the query's, or null; weight: shard → factor for its scores }.
    // Real results: those of shards where each typed word occurs, as a word or the start of
    // one (see matchesEveryWord). A shard where every word occurs exactly needs no more; the
    // others are judged on their best result.
    // known: the query's words and their pages per shard as the directory has them (candidates).
    function planOf(term, known) {
      return once(plans, term, () => makePlan(term, known));
    }

    async function makePlan(term, { words, pages }) {
      // one shard is one index; an exact phrase stands in no word and scores every page alike
      if (shards.length < 2 || PHRASE.test(term)) return { valid: null, all: null, weight: {} };
      // a word the directory does not know is searched as a whole word over every shard
      const exact = await Promise.all(words.map(async (word, i) => pages[i]
        || (await find(`"${word}"`, {})).filters[SHARD] || {}));
      const weight = shardWeight(exact);
      const all = await find(term, {});
      const hits = shards.filter((name) => inShard(all, name) > 0);
      const checks = await Promise.all(hits.map(async (name) => {
        if (exact.every((counts) => counts[name] > 0)) return true;
        const best = await find(term, { filters: { [SHARD]: { any: [name] } } });
        return best.results.length > 0 && (await matchesEveryWord(best.results[0], term));
      }));
      const valid = hits.filter((_, i) => checks[i]);
      return valid.length === hits.length ? { valid: null, all, weight } : { valid, all: null, weight };
    }

    // Pagefind adds up, over the words, BM25's inverse document frequency (rarity in the
    // shard) times the word's frequency in the page. A shard's factor turns the rarities of
    // the typed words in it into their rarities over all shards, as one index has them.
    // pages: for each word, shard → pages holding it (from the directory, every shard's; from
    // a search of the view, the view's).
    function shardWeight(pages) {
      const { sizes } = manifest;
      const idf = (total, holding) => Math.log((total - holding + 0.5) / (holding + 0.5) + 1);
      const total = manifest.shards.reduce((sum, name) => sum + sizes[name], 0);
      const held = (counts) => Object.values(counts).reduce((n, count) => n + count, 0);
      const overall = pages.reduce((sum, counts) => sum + idf(total, held(counts)), 0);
      const weight = {};
      for (const name of shards) {
        const own = pages.reduce((sum, counts) => sum + idf(sizes[name], counts[name] || 0), 0);
        weight[name] = own > 0 ? overall / own : 1;
      }
      return weight;
    }

    // Results by score, each shard's scores multiplied by its weight; ties: newest shard
    // first. A result whose shard is not known (a score of 0) keeps its score.
    function rank(found, weight) {
      const position = new Map(shards.map((name, k) => [name, k]));
      const keyed = found.map((result, at) => {
        const name = shardOf.get(result);
        const score = Math.fround(result.score) * (weight[name] ?? 1);
        return { result, at, k: position.get(name) ?? 0, score };
      });
      keyed.sort((a, b) => b.score - a.score || a.k - b.k || a.at - b.at);
      return keyed.map((x) => x.result);
    }

    return { shards, find, planOf, rank, countable, close };
  }

  function inShard(search, name) {
    return (search.filters[SHARD] || {})[name] || 0;
  }

  // A list of results in parts (count, fetch), each part fetched once a slice reaches it,
  // in order: a date sort needs the newest shard's results first, not all shards' at once.
  // Its slices, like an array's, give results (as a promise).
  function inParts(parts) {
    const loaded = [];
    let next = 0;
    return {
      length: parts.reduce((sum, part) => sum + part.count, 0),
      async slice(start, end) {
        while (loaded.length < end && next < parts.length) loaded.push(...(await parts[next++].fetch()));
        return loaded.slice(start, end);
      },
    };
  }

  let state = readState();
  let results = [];
  let shown = 0;
  let run = 0;

  async function showMore() {
    const slice = await results.slice(shown, shown + PAGE);
    shown += slice.length;
    const datas = await Promise.all(slice.map((r) => (typeof r === "number" ? browse.article(r) : r.data())));
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
        if (q) forget();
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

  // Answers the state; the form is busy (aria-busy) until the latest answer, its facets
  // included, is shown.
  function execute() {
    const mine = ++run;
    form.setAttribute("aria-busy", "true");
    return guarded(mine, () => answer(mine)).finally(() => mine === run && form.removeAttribute("aria-busy"));
  }

  async function answer(mine) {
    if (input.value.normalize("NFC").trim() !== state.q) input.value = state.q; // keeps what is being typed
    sortSelect.value = state.sort;
    const hasFilters = Object.keys(state.filters).length > 0;
    if (!state.q && !hasFilters) {
      const totals = await browse.totals();
      if (mine !== run) return;
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = say("idle");
      renderFacets(totals, state, onFilterChange);
      return;
    }
    if (!state.q) {
      await showBrowse(mine);
      return;
    }
    status.textContent = say("searching");
    await readShards();
    const term = hasDiacritics(state.q) ? state.q : marked(state.q);
    const sort = state.sort === "ngay" ? { date: "desc" } : undefined;
    const known = await candidates(term);
    // no shard holds every word: nothing to search
    const view = known.shards.length ? viewOf(known.shards, instancesFor(known)) : null;
    const { find } = view || {};
    const { valid, all, weight } = view ? await view.planOf(term, known) : { valid: [] };
    const only = valid ? { [SHARD]: { any: valid } } : {};
    const filtersFor = (except) => ({ ...pagefindFilters(state.filters, except), ...only });
    let ranked = [];
    if (!valid || valid.length) {
      const plain = all && !sort && !Object.keys(state.filters).length;
      const search = plain ? all : await find(term, { filters: filtersFor(), sort });
      const found = view.shards.filter((name) => inShard(search, name) > 0);
      if (sort && found.length > 1) {
        // newest shard first, each in Pagefind's date order, searched when its results are reached
        ranked = inParts(found.map((name) => ({
          count: inShard(search, name),
          fetch: async () => (await find(term, { filters: { ...filtersFor(), [SHARD]: { any: [name] } }, sort })).results,
        })));
      } else if (sort) {
        ranked = search.results;
      } else {
        ranked = view.rank(search.results, weight);
        if (!term.includes('"') && /\s/.test(term)) {
          // Pages holding the words as a phrase come first (Pagefind ranks words independently),
          // in the order of their words' scores.
          const phrase = await find(`"${term}"`, { filters: filtersFor() });
          // The results kept are the word search's: a phrase result may carry no word locations.
          const first = new Set(phrase.results.map((r) => r.id));
          const known = new Set(ranked.map((r) => r.id));
          const lead = [...ranked.filter((r) => first.has(r.id)), ...phrase.results.filter((r) => !known.has(r.id))];
          ranked = [...lead, ...ranked.filter((r) => !first.has(r.id))];
        }
      }
    }
    results = ranked;
    if (results.length && !(await matchesEveryWord((await results.slice(0, 1))[0], term))) results = [];
    if (mine !== run) return;
    shown = 0;
    list.replaceChildren();
    facets.replaceChildren();
    await showMore();
    const n = results.length;
    status.textContent = n ? say("results", { n, q: state.q }) : say("none", { q: state.q });
    // facet counts, once the first results are shown: OR inside a group, AND across groups
    let counts = {};
    if (n) {
      await view.countable();
      counts = { ...(await find(term, { filters: filtersFor() })).filters };
      for (const key of Object.keys(state.filters)) counts[key] = (await find(term, { filters: filtersFor(key) })).filters[key];
    }
    if (mine === run) renderFacets(counts, state, onFilterChange);
  }

  // Filters without a keyword list their articles, newest first, from the browse data;
  // the facet counts follow. When nothing matches, the groups whose dropping would give
  // results are offered.
  async function showBrowse(mine) {
    status.textContent = say("searching");
    const found = await browse.select(state.filters, shownGroups(state.filters));
    if (mine !== run) return;
    results = found.ids;
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    if (results.length) {
      await showMore();
      if (mine !== run) return;
      status.textContent = say("results-filter", { n: results.length });
    } else {
      status.textContent = say("none-filter");
      list.append(...dropOffers(found.without));
    }
    const counts = await found.counts();
    if (mine === run) renderFacets(counts, state, onFilterChange);
  }

  // For each chosen group whose dropping gives results, a button that drops it.
  function dropOffers(without) {
    return Object.entries(without).filter(([, n]) => n > 0).map(([key, n]) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "drop-filter";
      button.textContent = say("drop", { group: say(key), values: state.filters[key].join(", "), n });
      button.addEventListener("click", () => {
        const filters = { ...state.filters };
        delete filters[key];
        state = { ...state, filters };
        writeState(state, true);
        execute();
      });
      item.append(button);
      return item;
    });
  }

  // While the reader types, what a query of the words typed so far reads before Pagefind (the
  // manifest, the directory's files for those words) is read already, each file once; a file
  // that fails is read again, and its failure told, by the query.
  function warm(q) {
    if ([...q].length < TYPED) return;
    readShards().then(() => candidates(hasDiacritics(q) ? q : marked(q))).catch(() => {});
  }

  // Results as the reader types: once typing pauses, the query replaces the URL's (Enter
  // adds a history entry). A composition (an input method's syllable) is waited for.
  let typing = null;
  input.addEventListener("input", (event) => {
    if (event.isComposing) return;
    warm(input.value.normalize("NFC").trim());
    clearTimeout(typing);
    typing = setTimeout(() => {
      const q = input.value.normalize("NFC").trim();
      if (q === state.q || (q && q.length < TYPED)) return;
      state = { ...state, q };
      writeState(state, false);
      execute();
    }, TYPING);
  });
  input.addEventListener("compositionend", () => input.dispatchEvent(new Event("input")));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
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
