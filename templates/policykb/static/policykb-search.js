/* policykb: search results as a reader expects them.
 *
 * Each result shows the category of the block and a snippet of its text with every
 * form of the searched words highlighted (words are matched by their stem, through the
 * page language's Stemmer, so "скаргою" is highlighted for a search for "скарга").
 * A block whose title holds the searched words ranks above one that only mentions
 * them, and a page that uses them often above one that uses them once. When
 * nothing matches, the page suggests the words that do match, or the categories. Works on Sphinx's searchtools.js (Search, Scorer, Stemmer, splitQuery).
 */
(() => {
  "use strict";

  if (typeof Search === "undefined") return;
  const SNIPPET = 240;
  const MAX_REPEATS = 10;
  let currentTerms = new Set();

  /* How often a term occurs in a page, where more than once (policykb-weights.js). */
  const repeats = (() => {
    const data = typeof POLICYKB_WEIGHTS === "undefined" ? { docnames: [], terms: {} }
      : POLICYKB_WEIGHTS;
    return (term, docname) => {
      const counts = data.terms[term] || [];
      for (let i = 0; i < counts.length; i += 2) {
        if (data.docnames[counts[i]] === docname) return counts[i + 1];
      }
      return 1;
    };
  })();

  const stemmer = () => new Stemmer();
  const stems = (text, stem) =>
    new Set(splitQuery(text).map((word) => stem.stemWord(word.toLowerCase())));

  /* -- ranking ---------------------------------------------------------------
   * Each searched word adds its rarity (log of pages / pages with it) times its weight
   * in the page: 1 + log of how often it occurs there (up to MAX_REPEATS), plus
   * TITLE_WEIGHT when it is in the page's title, so a title match outranks any number
   * of mentions. Sphinx's own score only breaks ties. */

  const TITLE_WEIGHT = 3;
  let docNumbers = null;
  const docNumber = (docname) => {
    if (docNumbers === null) {
      docNumbers = new Map(Search._index.docnames.map((name, number) => [name, number]));
    }
    return docNumbers.get(docname);
  };
  const pagesWith = (term) => {
    const pages = new Set();
    for (const found of [Search._index.terms[term], Search._index.titleterms[term]]) {
      if (found === undefined) continue;
      for (const page of [].concat(found)) pages.add(page);
    }
    return pages;
  };

  Scorer.score = (result) => {
    const [docname, , , , score] = result;
    const number = docNumber(docname);
    if (!currentTerms.size || number === undefined) return score;
    const total = Search._index.docnames.length;
    const inTitle = stems(Search._index.titles[number] || "", stemmer());
    let sum = 0;
    for (const term of currentTerms) {
      const pages = pagesWith(term);
      if (!pages.has(number)) continue;
      const weight = 1 + Math.log(Math.min(repeats(term, docname), MAX_REPEATS))
        + (inTitle.has(term) ? TITLE_WEIGHT : 0);
      sum += Math.log(1 + total / pages.size) * weight;
    }
    return sum + score / 1000;
  };

  const parseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = parseQuery(query);
    currentTerms = parsed[1];
    return parsed;
  };

  /* -- snippet and category ------------------------------------------------ */

  const mainText = (page) => {
    const main = page.querySelector('[role="main"]');
    if (!main) return "";
    const skipped = "h1, .headerlink, script, style, form, .pkb-when, .pkb-coverage";
    for (const element of main.querySelectorAll(skipped)) element.remove();
    return main.textContent.replace(/\s+/g, " ").trim().normalize("NFC");
  };

  const categoryOf = (page) => {
    const crumbs = page.querySelectorAll(".pkb-breadcrumbs li a");
    return crumbs.length >= 2 ? crumbs[crumbs.length - 1].textContent.trim() : "";
  };

  const WORD = new RegExp("[\\p{L}\\p{M}\\p{N}_]+(?:['’ʼ][\\p{L}\\p{M}\\p{N}_]+)*", "gu");

  Search.makeSearchSummary = (htmlText, keywords) => {
    const page = new DOMParser().parseFromString(htmlText, "text/html");
    const category = categoryOf(page);
    const text = mainText(page);
    const stem = stemmer();
    const matches = [];
    for (const match of text.matchAll(WORD)) {
      const word = splitQuery(match[0])[0] || match[0];
      if (keywords.has(stem.stemWord(word.toLowerCase()))) {
        matches.push([match.index, match.index + match[0].length]);
      }
    }
    const summary = document.createElement("div");
    summary.className = "pkb-result";
    if (category) {
      const label = summary.appendChild(document.createElement("span"));
      label.className = "pkb-result-category";
      label.textContent = category;
    }
    const normalized = text;
    const first = matches.length ? matches[0][0] : 0;
    const start = Math.max(0, first - SNIPPET / 2);
    const end = Math.min(normalized.length, start + SNIPPET);
    const snippet = summary.appendChild(document.createElement("p"));
    snippet.className = "context";
    let position = start;
    if (start > 0) snippet.append("… ");
    for (const [from, to] of matches) {
      if (from < start || to > end) continue;
      snippet.append(normalized.slice(position, from));
      snippet.appendChild(document.createElement("mark")).textContent =
        normalized.slice(from, to);
      position = to;
    }
    snippet.append(normalized.slice(position, end));
    if (end < normalized.length) snippet.append(" …");
    return summary;
  };

  /* -- nothing found: a suggestion ----------------------------------------- */

  let lastCount = null;
  const performSearch = Search._performSearch;
  Search._performSearch = (...args) => {
    const results = performSearch(...args);
    lastCount = results.length;
    return results;
  };

  const found = (query) =>
    performSearch(...parseQuery(query)).length > 0;

  const suggest = (query) => {
    const box = document.getElementById("search-results");
    const status = Search.status;
    if (!box || !status) return;
    const words = splitQuery(query);
    const matching = words.filter((word) => found(word));
    status.textContent = "";
    if (matching.length && matching.length < words.length && found(matching.join(" "))) {
      const fewer = matching.join(" ");
      status.append(box.dataset.pkbNone, " ", box.dataset.pkbFewer, " ");
      const link = status.appendChild(document.createElement("a"));
      link.href = `?q=${encodeURIComponent(fewer)}`;
      link.textContent = fewer;
    } else {
      const link = status.appendChild(document.createElement("a"));
      link.href = box.dataset.pkbHome;
      link.textContent = box.dataset.pkbNothing;
    }
  };

  const query = Search.query;
  Search.query = (text) => {
    query(text);
    if (lastCount === 0) suggest(text);
  };
})();
