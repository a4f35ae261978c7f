/* policykb: search results as a reader expects them.
 *
 * Each result shows the category of the block and a snippet of its text with every
 * form of the searched words highlighted (words are matched by their stem, through the
 * page language's Stemmer, so "скаргою" is highlighted for a search for "скарга").
 * A block whose title holds the searched words ranks above one that only mentions
 * them. When nothing matches, the page suggests the words that do match, or the
 * categories. Works on Sphinx's searchtools.js (Search, Scorer, Stemmer, splitQuery).
 */
(() => {
  "use strict";

  if (typeof Search === "undefined") return;
  const SNIPPET = 240;
  const TITLE_BONUS = 10;
  let currentTerms = new Set();

  const stemmer = () => new Stemmer();
  const stems = (text, stem) =>
    new Set(splitQuery(text).map((word) => stem.stemWord(word.toLowerCase())));

  /* -- ranking: the searched words in the block's title ------------------- */

  Scorer.score = (result) => {
    const [, title, , , score] = result;
    if (!title || !currentTerms.size) return score;
    const inTitle = stems(title, stemmer());
    const found = [...currentTerms].filter((term) => inTitle.has(term)).length;
    return score + TITLE_BONUS * found;
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
