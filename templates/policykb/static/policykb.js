/* policykb: fill in your details once, see every template written with them.
 *
 * Values live in localStorage only (one store for every page and language of the
 * site) and are written into pages as text, never as HTML. Numbers, money, days
 * and times are formatted with Intl for the page's language; a clause with a
 * count shows the plural form chosen by the same rule the build used.
 *
 * "Where do you sell?" picks a country profile: its defaults (phone numbers, currency,
 * time zone, authorities), its clock and the amounts in its currency fill every value
 * the business has not typed. A typed value is never replaced by a change of country.
 */
(() => {
  "use strict";

  const STORE = "policykb.values";
  const COUNTRY = "@country";  // beside the values in the store; never a variable name
  const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const source = document.getElementById("pkb-data");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const locale = data.intl;
  const pageRule = new Function("n", `return +(${data.plural});`);
  const englishRule = (n) => (n === 1 ? 0 : 1);

  /* -- storage ------------------------------------------------------------- */

  const load = () => {
    try {
      const stored = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
    } catch (error) {
      return {};
    }
  };
  const save = (stored) => {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(stored));
    } catch (error) {
      /* storage off or full: the page still works for this visit */
    }
  };
  let stored = load();
  const has = (object, key) => Object.prototype.hasOwnProperty.call(object || {}, key);
  // the page's own country, and every other from the site's countries/<lang>.js
  const countries = Object.assign({}, window.policykbCountries || {}, data.countries || {});
  /** The chosen country: the business's choice, else the site's. */
  const countryId = () => (has(countries, stored[COUNTRY]) ? stored[COUNTRY] : data.country);
  const country = () => countries[countryId()] || { hourCycle: null, defaults: {} };

  /** An amount written at the library's price level, in ``currency``: times its factor,
   *  rounded to its step (policykb/countries.py scale_amount). */
  const scaleAmount = (base, currency) => {
    const scale = (data.moneyScale || {})[currency] || { factor: 1, step: 1 };
    let steps = Math.round((base * scale.factor) / scale.step + 1e-9);
    if (base > 0 && steps === 0) steps = 1;
    return steps * scale.step;
  };

  /** The settings (defaults) of the kit chosen in the builder, if any. */
  const kitSettings = () => {
    const choice = document.querySelector(".pkb-builder .pkb-kit-choice");
    return (choice && (data.kitDefaults || {})[choice.value]) || {};
  };

  let branchValues = null;  // while a branch's edition is written: its own values (see "branches")
  /* The switch a clause's `when` may use that the document sets, not the business: true
   * while the business-wide document that ends with the table of branches is written
   * (policykb/model.py SWITCHES, assemble.py render_model). */
  const LISTS_BRANCHES = "lists_branches";
  let listsBranches = false;
  const valueOf = (name) => {
    if (name === LISTS_BRANCHES) return listsBranches;
    if (has(branchValues, name)) return branchValues[name];
    const definition = data.variables[name];
    if (has(stored, name) && isValid(definition, stored[name])) return stored[name];
    if (!definition) return null;
    if (has(kitSettings(), name)) return kitSettings()[name];
    if (definition.type === "money" && typeof definition.base === "number") {
      return scaleAmount(definition.base, currencyOf(definition));
    }
    if (definition.country) {
      const value = country().defaults[definition.country];
      return value === undefined ? null : value;
    }
    return definition.default;
  };

  /* -- checks: the same rules as the build (policykb/loader.py) ------------ */

  const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
  const PHONE = /^\+?[0-9][0-9 ().\-]{4,}$/;
  const isValid = (definition, value) => {
    if (!definition) return false;
    switch (definition.type) {
      case "text": return typeof value === "string";
      case "email": return typeof value === "string" && EMAIL.test(value);
      case "phone": return typeof value === "string" && PHONE.test(value);
      case "url": return typeof value === "string" && /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value);
      case "count": return Number.isInteger(value) && value >= 0 && value <= 1e9;
      case "money": return typeof value === "number" && isFinite(value) && value >= 0 && value <= 1e12;
      case "percentage": return typeof value === "number" && value >= 0 && value <= 100;
      case "yesno": return typeof value === "boolean";
      case "choice": return typeof value === "string" && value in (definition.options || {});
      case "currency": return typeof value === "string" && /^[A-Z]{3}$/.test(value);
      case "weekdays": return Array.isArray(value) && value.every((d) => WEEKDAYS.includes(d));
      case "hours": return hoursProblem(value) === null;
      default: return false;
    }
  };

  /* Opening hours (policykb/hours.py read_hours): weekly entries {days, opens, closes},
   * several for the same day give it several ranges; date entries {date, opens, closes}
   * or {date, closed: true}. What is wrong, as the key of its message, or null. */
  const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
  const HOURS_KEYS = ["days", "opens", "closes", "date", "closed"];
  const isDate = (text) => {
    if (typeof text !== "string" || !/^\d{4}-\d\d-\d\d$/.test(text)) return false;
    const [year, month, day] = text.split("-").map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  };
  const hoursProblem = (value) => {
    if (!Array.isArray(value)) return "hoursNoDay";
    const seen = new Map();
    for (const entry of value) {
      if (!entry || typeof entry !== "object" || !Object.keys(entry).every((key) => HOURS_KEYS.includes(key))) return "hoursMissing";
      const dated = has(entry, "date");
      if (dated && !isDate(entry.date)) return "hoursDate";
      const closed = dated && entry.closed === true;
      if (closed && (has(entry, "opens") || has(entry, "closes"))) return "hoursDateTwice";
      if (!closed && !(TIME.test(entry.opens) && TIME.test(entry.closes))) return "hoursMissing";
      if (!closed && entry.closes <= entry.opens) return "hours";
      if (dated ? has(entry, "days") : has(entry, "closed") || !Array.isArray(entry.days) || !entry.days.length
        || !entry.days.every((day) => WEEKDAYS.includes(day))) return "hoursMissing";
      if (has(entry, "closed") && typeof entry.closed !== "boolean") return "hoursMissing";
      if (!dated && new Set(entry.days).size !== entry.days.length) return "hoursOverlap";
      for (const key of dated ? [entry.date] : entry.days) {
        const earlier = seen.get(key) || [];
        for (const other of earlier) {
          if (closed || other.closed === true) return "hoursDateTwice";
          if (entry.opens < other.closes && other.opens < entry.closes) return "hoursOverlap";
        }
        seen.set(key, [...earlier, entry]);
      }
    }
    return value.some((entry) => !has(entry, "date")) ? null : "hoursNoDay";
  };

  /* -- formatting with Intl (the browser's CLDR data) ----------------------
   * The rules of policykb/formatting.py (format_value) written with Intl; the table
   * tests/data/value_formats.json holds cases that both must write alike. */

  /* Weekday names, the "and" list and the day-and-month pattern of the page's language as
   * Babel has them (page data "hours", formatting.py hours_words). */
  const hoursWords = data.hours;
  const dayName = (code) => hoursWords.days[WEEKDAYS.indexOf(code)];
  const byListPattern = (pattern, first, second) => pattern.replace(/\{([01])\}/g, (found, at) => (at === "0" ? first : second));
  /** Items as CLDR's "and" list (babel.lists.format_list). */
  const list = (items) => {
    const patterns = hoursWords.list;
    if (items.length < 2) return items.join("");
    if (items.length === 2 && patterns["2"]) return byListPattern(patterns["2"], items[0], items[1]);
    let text = byListPattern(patterns.start, items[0], items[1]);
    items.slice(2, -1).forEach((item) => { text = byListPattern(patterns.middle, text, item); });
    return byListPattern(patterns.end, text, items[items.length - 1]);
  };
  /** Items joined with the middle of the list ("{0}, {1}"): items that hold a list themselves. */
  const joined = (items) => items.reduce((text, item) => byListPattern(hoursWords.list.middle, text, item));
  /** 09:00, 9:00 AM or காலை 9:00 on the clock ``cycle`` (h23, h12, or none: the locale's
   *  own), by the CLDR pattern and day-period words Babel has (page data "hours.clock",
   *  formatting.py clock_words): a part is text or a field and its width. */
  const timeOfDay = (text, loc, cycle) => {
    const [hours, minutes] = text.split(":").map(Number);
    const clock = hoursWords.clock[cycle || "none"];
    const minute = hours * 60 + minutes;
    const numbers = { H: hours, h: hours % 12 || 12, m: minutes };
    return clock.parts.map((part) => {
      if (typeof part === "string") return part;
      const [field, width] = part;
      if (field in numbers) return String(numbers[field]).padStart(width, "0");
      return clock.periods.filter(([from]) => from <= minute).pop()[1];
    }).join("");
  };
  const time = (text) => timeOfDay(text, locale, country().hourCycle);
  const byWeekday = (days) => [...days].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  const dayRuns = (days) => {
    const runs = [];
    byWeekday(days).forEach((day) => {
      const last = runs[runs.length - 1];
      if (last && WEEKDAYS.indexOf(day) === WEEKDAYS.indexOf(last[last.length - 1]) + 1) last.push(day);
      else runs.push([day]);
    });
    return runs;
  };
  const daySpan = (days, loc) => {
    const runs = dayRuns(days);
    return list(runs.map((run) => (run.length === 1 ? dayName(run[0], loc)
      : `${dayName(run[0], loc)}–${dayName(run[run.length - 1], loc)}`)), loc);
  };
  /** Opening hours by the rule of formatting.py format_opening_hours: weekdays with the same
   *  ranges together, in weekday order; the groups an "and" list when each is one run of
   *  days with one range, else joined with commas; then the special days in brackets, in date order. */
  const hoursText = (value, loc, cycle) => {
    const range = ([opens, closes]) => `${timeOfDay(opens, loc, cycle)}–${timeOfDay(closes, loc, cycle)}`;
    const ranges = (found) => list([...found].sort().map(range), loc);
    const byDay = new Map(WEEKDAYS.map((day) => [day, []]));
    const byDate = new Map();
    value.forEach((entry) => {
      if (!has(entry, "date")) entry.days.forEach((day) => byDay.get(day).push([entry.opens, entry.closes]));
      else {
        if (!byDate.has(entry.date)) byDate.set(entry.date, []);
        if (entry.closed !== true) byDate.get(entry.date).push([entry.opens, entry.closes]);
      }
    });
    const groups = new Map();
    byDay.forEach((found, day) => {
      if (!found.length) return;
      const key = JSON.stringify([...found].sort());
      if (!groups.has(key)) groups.set(key, { found, days: [] });
      groups.get(key).days.push(day);
    });
    const weekly = [...groups.values()].map((group) => `${daySpan(group.days, loc)} ${ranges(group.found)}`);
    const split = [...groups.values()].some((group) => group.found.length > 1 || dayRuns(group.days).length > 1);
    const text = weekly.length ? (split ? joined(weekly) : list(weekly, loc)) : "";
    const special = [];
    let closed = [];
    const closedOn = () => special.push(slot(hoursWords.closedOn, "dates", list(closed, loc)));
    [...byDate.keys()].sort().forEach((date) => {
      const day = byDatePattern(hoursWords.date, parseDate(date));
      if (!byDate.get(date).length) { closed.push(day); return; }
      if (closed.length) { closedOn(); closed = []; }
      special.push(slot(slot(hoursWords.specialDay, "date", day), "hours", ranges(byDate.get(date))));
    });
    if (closed.length) closedOn();
    if (!special.length) return text;
    return slot(slot(hoursWords.withSpecialDays, "hours", text), "special_days", joined(special));
  };
  function currencyOf(definition) {
    return (definition.currencyVar && valueOf(definition.currencyVar)) || definition.currency || "EUR";
  }

  /** A number by a CLDR pattern of the page's language as Babel has it (page data
   *  "numbers"): prefix, grouping (the last group, then the others), decimal symbol,
   *  between ``minFraction`` and ``maxFraction`` digits after it, suffix. */
  const numbers = data.numbers;
  const byPattern = (pattern, value, minFraction, maxFraction) => {
    let [whole, fraction = ""] = Math.abs(value).toFixed(maxFraction).split(".");
    while (fraction.length > minFraction && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
    let grouped = "";
    let size = pattern.grouping[0];
    while (whole.length > size) {
      grouped = numbers.group + whole.slice(-size) + grouped;
      whole = whole.slice(0, -size);
      size = pattern.grouping[1];
    }
    return pattern.prefix + whole + grouped + (fraction ? numbers.decimal + fraction : "") + pattern.suffix;
  };

  /** ``value`` of a variable of ``type`` as a reader of ``loc`` expects it (numbers by
   *  the page language's patterns); money in ``currency`` with the sign and digits the
   *  build uses, times on the clock ``cycle``. Choice and yes/no values are labels: see format. */
  const formatValue = (type, value, loc, currency, cycle) => {
    switch (type) {
      case "count": return byPattern(numbers.patterns.decimal, value, 0, 3);
      case "money": {
        const digits = numbers.currencyDigits[currency] ?? 2;
        return byPattern(numbers.patterns.currency, value, digits, digits)
          .replace("¤", (data.currencySymbols || {})[currency] || currency);
      }
      case "percentage": {
        const digits = (String(value).split(".")[1] || "").length;
        return byPattern(numbers.patterns.percent, value, 0, digits);
      }
      case "currency": return numbers.currencyNames[value]
        || new Intl.DisplayNames(loc, { type: "currency" }).of(value);
      case "weekdays": return list(byWeekday(value).map((day) => dayName(day, loc)), loc);
      case "hours": return hoursText(value, loc, cycle);
      default: return String(value);
    }
  };

  const format = (name) => {
    const definition = data.variables[name];
    const value = valueOf(name);
    if (!definition) return "";
    if (value === null || value === undefined || value === "") return `[${definition.label}]`;
    if (definition.type === "choice") return definition.options[value];
    if (definition.type === "yesno") return value ? data.yes : data.no;
    return formatted(definition.type, value, currencyOf(definition), country().hourCycle);
  };

  /** The text after a value: a value that ends with a full stop ("Α.Ε.") takes the place
   *  of the one that follows it (policykb/formatting.py after_value). */
  const afterValue = (value, following) =>
    (value.endsWith(".") && following.startsWith(".") && !following.startsWith("..")
      ? following.slice(1) : following);

  /* -- rendering ----------------------------------------------------------- */

  const applies = (clause) => {
    if (!clause.dataset.when) return true;
    const wanted = JSON.parse(clause.dataset.when);
    return Object.keys(wanted).every((name) => valueOf(name) === wanted[name]);
  };

  const renderPage = () => {
    document.querySelectorAll(".pkb-var[data-var]").forEach((element) => {
      const name = element.dataset.var;
      if (!data.variables[name]) return;
      element.textContent = format(name);
      element.classList.toggle("pkb-var--empty", valueOf(name) === null);
      element.classList.toggle("pkb-var--yours", Object.prototype.hasOwnProperty.call(stored, name));
    });
    document.querySelectorAll(".pkb-unit[data-unit-of]").forEach((unit) => {
      const definition = data.variables[unit.dataset.unitOf];
      if (!definition || !definition.unitForms) return;
      const forms = definition.unitForms;
      unit.textContent = forms[Math.min(pageRule(valueOf(unit.dataset.unitOf) ?? 0), forms.length - 1)];
    });
    document.querySelectorAll(".pkb-clause").forEach((clause) => {
      clause.hidden = !applies(clause);
      clause.classList.remove("pkb-clause--off");
      const count = clause.dataset.count;
      if (count && data.variables[count]) {
        const rule = clause.dataset.plural === "en" ? englishRule : pageRule;
        const forms = clause.querySelectorAll(".pkb-form");
        const shown = Math.min(rule(valueOf(count)), forms.length - 1);
        forms.forEach((form, index) => { form.hidden = index !== shown; });
      }
    });
    document.querySelectorAll(".pkb-when").forEach((label) => { label.hidden = true; });
    document.querySelectorAll("li").forEach((item) => {
      const clause = item.querySelector(":scope > .pkb-clause");
      if (clause) item.hidden = clause.hidden;
    });
    // a heading whose clauses are all switched off goes too
    document.querySelectorAll("section").forEach((section) => {
      if (section.id === "template" || section.classList.contains("pkb-kit-part")) return;
      const clauses = section.querySelectorAll(".pkb-clause");
      if (clauses.length) section.hidden = [...clauses].every((clause) => clause.hidden);
    });
    document.querySelectorAll("[data-currency-of]").forEach((unit) => {
      unit.textContent = currencyOf(data.variables[unit.dataset.currencyOf]);
    });
    document.querySelectorAll(".pkb-country-note[data-country]").forEach((note) => {
      note.hidden = note.dataset.country !== countryId();
    });
    // warnings against the chosen country's law (policykb/countries.py warning_holds)
    document.querySelectorAll(".pkb-warning[data-fact]").forEach((warning) => {
      const source = (country().facts || {})[warning.dataset.fact];
      const wanted = warning.dataset.when ? JSON.parse(warning.dataset.when) : {};
      let holds = Boolean(source) && Object.keys(wanted).every((name) => valueOf(name) === wanted[name]);
      if (holds && warning.dataset.below) {
        const [value, minimum] = JSON.parse(warning.dataset.below).map(valueOf);
        holds = value !== null && minimum !== null && value < minimum;
      }
      warning.hidden = !holds;
      const link = warning.querySelector(".pkb-source");
      if (link && source) { link.href = source; link.textContent = source; }
    });
    document.querySelectorAll(".pkb-stop").forEach((stop) => {
      const value = stop.previousElementSibling;
      stop.textContent = afterValue(value ? value.textContent : "", ".");
    });
  };

  /** True while a variable is asked: its ``when`` holds, and so do those of the variables
   *  it names (as policykb/model.py clause_conditions folds them into a clause's). */
  const asked = (name, seen = new Set()) => {
    const wanted = (data.variables[name] || {}).when;
    if (!wanted || seen.has(name)) return true;
    seen.add(name);
    return Object.keys(wanted).every((other) => valueOf(other) === wanted[other] && asked(other, seen));
  };
  /** A field that does not apply is hidden (its value reaches no document: the model's
   *  conditions hold the variable's ``when`` too). */
  const showAskedFields = () => {
    if (!form) return;
    Object.keys(data.variables).forEach((name) => {
      const element = field(name);
      if (element) element.hidden = !asked(name);
    });
  };

  /** The page, and on the builder page the document, written with the current values. */
  const render = () => {
    renderPage();
    showAskedFields();
    if (builder && ready()) {
      if (previewShown()) showDocument();
      countSamples();
    }
  };

  /* -- branches: one branch's edition, or every branch in a table ----------------
   * The business's branches live in the store beside its values ({id, name, values});
   * a branch gives its own value of the variables marked per_branch (the answers data's
   * `perBranch`), and one it leaves empty is the business-wide value. A branch's edition
   * has the frame line "Branch: {branch}"; a document for no branch ends with the "Our
   * branches" table (policykb/assemble.py, the same rules). */

  const BRANCHES = "@branches";  // beside the values in the store; never a variable name
  const answersSource = document.getElementById("pkb-answers-data");
  const answersData = answersSource ? JSON.parse(answersSource.textContent) : null;
  const perBranch = answersData ? answersData.perBranch.filter((name) => data.variables[name]) : [];
  /** The business's branches, as stored. */
  const branchesOf = () => (Array.isArray(stored[BRANCHES]) ? stored[BRANCHES] : []);
  const branchNamed = (id) => branchesOf().find((branch) => branch.id === id) || null;
  /** The branch whose edition the builder shows, or null: every branch in a table. */
  const viewedBranch = () => {
    const choice = document.getElementById("pkb-branch");
    return choice && branchNamed(choice.value) ? choice.value : null;
  };
  /** A table's cell: its text cleaned like a run (assemble.py _cell). */
  const cellText = (text) => plainRuns(tidy([{ text, strong: false, emphasis: false }]));
  /** "Our branches" at the end of the document of ``model`` (a kit's): a column for the
   *  branch's name, then one for each of the model's `branchVariables` that a branch gives;
   *  a cell is the branch's value as the text writes it, else the business-wide value
   *  (assemble.py branch_table). */
  const branchesTable = (model) => {
    const branches = branchesOf();
    if (!branches.length) return [];
    const words = models.frame;
    const columns = model.branchVariables.filter((column) => branches.some((branch) => has(branch.values, column.name)));
    const rows = branches.map((branch) => {
      branchValues = branch.values;
      return [branch.name, ...columns.map((column) => placeholder(column.name))].map(cellText);
    });
    branchValues = null;
    return [{ level: 2, heading: tidy([{ text: words.branches, strong: false, emphasis: false }]) },
      { table: { head: [words.branchColumn, ...columns.map((column) => column.label)].map(cellText), rows } }];
  };
  /** A table as plain text (Copy): each row's first cell on a line, then "header: cell"
   *  for the others, then an empty line (assemble.py render_text). */
  const tableText = (table) => table.rows.flatMap((row) =>
    [row[0], ...row.slice(1).map((cell, index) => `${table.head[index + 1]}: ${cell}`), ""]);
  /* A value as format writes it, kept: twelve branches' hours are written with Intl (dozens
   * of formatters each) only when a value, the currency or the clock changes. */
  const written = new Map();
  const formatted = (type, value, currency, cycle) => {
    const key = JSON.stringify([type, value, currency, cycle]);
    if (!written.has(key)) {
      if (written.size > 2000) written.clear();
      written.set(key, formatValue(type, value, locale, currency, cycle));
    }
    return written.get(key);
  };
  /** ``nodes`` as the children of ``container``, keeping every child already shown alike: after
   *  one change only what changed is laid out again (a long document with its table). */
  const patchChildren = (container, nodes) => {
    const old = [...container.children];
    let start = 0;
    while (start < nodes.length && start < old.length && old[start].isEqualNode(nodes[start])) start += 1;
    let end = 0;
    while (end < nodes.length - start && end < old.length - start
      && old[old.length - 1 - end].isEqualNode(nodes[nodes.length - 1 - end])) end += 1;
    old.slice(start, old.length - end).forEach((child) => child.remove());
    const before = end ? old[old.length - end] : null;
    nodes.slice(start, nodes.length - end).forEach((node) => container.insertBefore(node, before));
  };
  /** A table as lines of a Markdown pipe table, each cell written by ``cell``. */
  const tableLines = (table, cell) => {
    const line = (cells) => `| ${cells.map(cell).join(" | ")} |`;
    return [line(table.head), `|${table.head.map(() => " --- |").join("")}`, ...table.rows.map(line)];
  };
  /** A Markdown cell: escaped like any text, and "|" too. */
  const mdCell = (text) => text.replace(MD_SPECIAL, (found) => `\\${found}`).replace(/\|/g, "\\|");
  const tableHtml = (table) => `<table>\n<thead>\n<tr>${table.head.map((cell) => `<th scope="col">${htmlText(cell)}</th>`).join("")}</tr>\n</thead>\n<tbody>${
    table.rows.map((row) => `\n<tr>${row.map((cell) => `<td>${htmlText(cell)}</td>`).join("")}</tr>`).join("")}\n</tbody>\n</table>`;
  /** The table as elements of the page, the samples in its cells marked by ``nodesOf``. */
  const tableElement = (table, nodesOf) => {
    const element = document.createElement("table");
    const row = (cells, tag) => {
      const line = document.createElement("tr");
      cells.forEach((cell) => {
        const item = document.createElement(tag);
        if (tag === "th") item.scope = "col";
        item.append(...nodesOf(cell));
        line.append(item);
      });
      return line;
    };
    const head = document.createElement("thead");
    head.append(row(table.head, "th"));
    const body = document.createElement("tbody");
    body.append(...table.rows.map((cells) => row(cells, "td")));
    element.append(head, body);
    return element;
  };

  /* -- the form -------------------------------------------------------------- */

  const form = document.getElementById("pkb-details");
  const fieldsFound = new Map();  // by name: every render asks for each field (samples)
  const field = (name) => {
    if (!(fieldsFound.get(name) || {}).isConnected) fieldsFound.set(name, form.querySelector(`[data-field="${CSS.escape(name)}"]`));
    return fieldsFound.get(name);
  };

  const readField = (name, element = field(name)) => {
    const definition = data.variables[name];
    const input = element.querySelector(`[name="${CSS.escape(name)}"]`);
    switch (definition.type) {
      case "count": return input.value === "" ? null : Number(input.value);
      case "money":
      case "percentage": return input.value === "" ? null : Number(input.value);
      case "yesno": return input.checked;
      case "weekdays": return [...element.querySelectorAll("input:checked")].map((box) => box.value);
      case "hours": return readHours(element);
      default: return input.value;
    }
  };

  const fillField = (name) => fillInput(name, field(name), valueOf(name));
  /** ``value`` shown in ``element``, the field of the variable ``name``. */
  const fillInput = (name, element, value) => {
    const definition = data.variables[name];
    if (!element) return;
    const input = element.querySelector(`[name="${CSS.escape(name)}"]`);
    if (definition.type === "yesno") input.checked = Boolean(value);
    else if (definition.type === "weekdays") {
      element.querySelectorAll("input").forEach((box) => { box.checked = (value || []).includes(box.value); });
    } else if (definition.type === "hours") fillHours(element, value);
    else input.value = value === null || value === undefined ? "" : String(value);
  };

  /* -- the opening-hours field (details.py _hours_rows) ----------------------------
   * A box is a weekday (.pkb-hours-day) or a special day (.pkb-hours-date): its "open"
   * box and its ranges, cloned from the field's templates. Everything is looked up inside
   * the field, so several hours fields (one per branch) can share a page. */

  const openBox = (box) => box.querySelector(".pkb-hours-open input");
  const rangesOf = (box) => [...box.querySelectorAll(".pkb-hours-range")].map((range) =>
    [range.querySelector(".pkb-hours-opens").value, range.querySelector(".pkb-hours-closes").value]);
  /** Shows a box's ranges and "Add hours" only while it is open. */
  const showOpen = (box) => {
    const open = openBox(box).checked;
    box.querySelector(".pkb-hours-ranges").hidden = !open;
    box.querySelector(".pkb-hours-add").hidden = !open;
  };
  const addRange = (element, box, [opens, closes] = ["", ""]) => {
    const range = element.querySelector(".pkb-hours-range-template").content.firstElementChild.cloneNode(true);
    range.querySelector(".pkb-hours-opens").value = opens;
    range.querySelector(".pkb-hours-closes").value = closes;
    box.querySelector(".pkb-hours-ranges").append(range);
    return range;
  };
  const setRanges = (element, box, ranges) => {
    box.querySelector(".pkb-hours-ranges").replaceChildren();
    ranges.forEach((found) => addRange(element, box, found));
    openBox(box).checked = ranges.length > 0;
    showOpen(box);
  };
  const addDate = (element, date, ranges) => {
    const row = element.querySelector(".pkb-hours-date-template").content.firstElementChild.cloneNode(true);
    row.querySelector(".pkb-hours-on").value = date;
    element.querySelector(".pkb-hours-dates").append(row);
    setRanges(element, row, ranges);
    return row;
  };

  /** The field's value: a weekly entry per range with the days that have it, then each
   *  special day's ranges, or {date, closed: true}. */
  const readHours = (element) => {
    const entries = [];
    const weekly = new Map();
    element.querySelectorAll(".pkb-hours-day").forEach((box) => {
      if (!openBox(box).checked) return;
      rangesOf(box).forEach(([opens, closes]) => {
        const key = `${opens}|${closes}`;
        if (!weekly.has(key)) {
          weekly.set(key, { days: [], opens, closes });
          entries.push(weekly.get(key));
        }
        weekly.get(key).days.push(box.dataset.day);
      });
    });
    element.querySelectorAll(".pkb-hours-date").forEach((row) => {
      const date = row.querySelector(".pkb-hours-on").value;
      const ranges = rangesOf(row);
      if (!openBox(row).checked) entries.push({ date, closed: true });
      else if (!ranges.length) entries.push({ date, opens: "", closes: "" });
      else ranges.forEach(([opens, closes]) => entries.push({ date, opens, closes }));
    });
    return entries;
  };

  const fillHours = (element, value) => {
    const entries = Array.isArray(value) ? value : [];
    element.querySelectorAll(".pkb-hours-day").forEach((box) => setRanges(element, box, entries
      .filter((entry) => !has(entry, "date") && entry.days.includes(box.dataset.day))
      .map((entry) => [entry.opens, entry.closes]).sort()));
    element.querySelector(".pkb-hours-dates").replaceChildren();
    const byDate = new Map();
    entries.filter((entry) => has(entry, "date")).forEach((entry) => {
      if (!byDate.has(entry.date)) byDate.set(entry.date, []);
      if (entry.closed !== true) byDate.get(entry.date).push([entry.opens, entry.closes]);
    });
    byDate.forEach((ranges, date) => addDate(element, date, [...ranges].sort()));
  };

  /** The field's buttons and "open" boxes; ``update`` reads the field afterwards. A day
   *  that opens takes the hours of the nearest open day before it (or empty times). */
  const hoursControls = (element, update) => {
    const focus = (target) => target && target.focus();
    element.addEventListener("change", (event) => {
      const box = event.target.closest(".pkb-hours-day, .pkb-hours-date");
      if (!box || event.target !== openBox(box)) return;
      if (openBox(box).checked && !box.querySelector(".pkb-hours-range")) {
        const days = [...element.querySelectorAll(".pkb-hours-day")];
        const before = box.classList.contains("pkb-hours-day")
          ? days.slice(0, days.indexOf(box)).reverse().find((day) => openBox(day).checked) : null;
        (before ? rangesOf(before) : [["", ""]]).forEach((found) => addRange(element, box, found));
      }
      showOpen(box);
    }, true);  // before the field's own listener reads the value
    element.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const box = button.closest(".pkb-hours-day, .pkb-hours-date");
      if (button.classList.contains("pkb-hours-add")) {
        focus(addRange(element, box).querySelector("input"));
      } else if (button.classList.contains("pkb-hours-remove")) {
        button.closest(".pkb-hours-range").remove();
        if (!box.querySelector(".pkb-hours-range")) openBox(box).checked = false;
        showOpen(box);
        focus(openBox(box).checked ? box.querySelector(".pkb-hours-add") : openBox(box));
        update();
      } else if (button.classList.contains("pkb-hours-add-date")) {
        focus(addDate(element, "", []).querySelector(".pkb-hours-on"));
      } else if (button.classList.contains("pkb-hours-remove-date")) {
        box.remove();
        focus(element.querySelector(".pkb-hours-add-date"));
        update();
      }
    });
  };

  const showError = (name, message) => {
    const error = document.getElementById(`pkb-e-${name}`);
    const element = field(name);
    if (!error || !element) return;  // a variable of another kit: its field is not here
    error.textContent = message || "";
    error.hidden = !message;
    element.querySelectorAll("input, select").forEach((input) => {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  };

  const changed = (name) => {
    const definition = data.variables[name];
    const value = readField(name);
    const empty = value === null || value === "";
    if (empty && ["text", "email", "phone", "url"].includes(definition.type)) {
      delete stored[name];
      showError(name, "");
    } else if (empty || !isValid(definition, value)) {
      const problem = definition.type === "hours" ? hoursProblem(value) : definition.type;
      showError(name, data.messages[problem] || "");
      return;
    } else {
      stored[name] = value;
      showError(name, "");
    }
    save(stored);
    render();
  };

  /** The field of ``name`` shows its value and saves what the business types. */
  const wire = (name) => {
    const element = field(name);
    if (!element) return;
    if (data.variables[name].type === "hours") hoursControls(element, () => changed(name));
    fillField(name);
    element.addEventListener("input", () => changed(name));
    element.addEventListener("change", () => changed(name));
  };

  if (form) {
    Object.keys(data.variables).forEach(wire);
    const countryChoice = form.querySelector("#pkb-country");
    if (countryChoice) {
      countryChoice.value = countryId();
      countryChoice.addEventListener("change", () => {
        stored[COUNTRY] = countryChoice.value;
        save(stored);
        Object.keys(data.variables).forEach(fillField);  // typed values stay: fillField shows them
        render();
      });
    }
    form.querySelector(".pkb-clear").addEventListener("click", () => {
      Object.keys(data.variables).forEach((name) => { delete stored[name]; });
      delete stored[COUNTRY];
      if (countryChoice) countryChoice.value = countryId();
      save(stored);
      Object.keys(data.variables).forEach((name) => { fillField(name); showError(name, ""); });
      render();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    document.querySelectorAll(".pkb-static-values").forEach((section) => { section.hidden = true; });
  }

  window.addEventListener("storage", (event) => {
    if (event.key !== STORE) return;
    stored = load();
    const countryChoice = form && form.querySelector("#pkb-country");
    if (countryChoice) countryChoice.value = countryId();
    Object.keys(data.variables).forEach(fillField);
    render();
  });

  /* -- documents: the document model rendered (policykb/docmodel.py) -------------
   * The build writes each kit's model (blocks, the documents each goes in, headings,
   * runs of list clauses, clauses with their conditions and translated segments) into
   * the kit's file beside the builder page (fetched when the kit is chosen: loadKit) and
   * the frame's words into the page; here it is rendered with the business's values
   * exactly as `policykb assemble` renders it (render_model in policykb/assemble.py). */

  const models = data.documents || { kits: {}, frame: null };

  /** Text safe for every format: line breaks become spaces, control characters go. */
  const clean = (text) => text.replace(/[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+/g, " ")
    .replace(/[\p{Cc}\p{Cs}\ufffe\uffff]/gu, "");
  /** Runs cleaned, merged where the style is the same, without outer spaces (_tidy). */
  const tidy = (runs) => {
    const merged = [];
    runs.forEach((run) => {
      const text = clean(run.text);
      if (!text) return;
      const last = merged[merged.length - 1];
      if (last && last.strong === run.strong && last.emphasis === run.emphasis) last.text += text;
      else merged.push({ text, strong: run.strong, emphasis: run.emphasis });
    });
    if (merged.length) {
      merged[0].text = merged[0].text.trimStart();
      merged[merged.length - 1].text = merged[merged.length - 1].text.trimEnd();
    }
    return merged.filter((run) => run.text);
  };
  /** Variables marked sample whose value the business has not typed (a sample shown). */
  const isSample = (name) => Boolean((data.variables[name] || {}).sample) && !has(stored, name)
    && !has(branchValues, name);
  let samplesShown = null;  // while a document is built: the samples it shows, by name
  const placeholder = (name) => {
    const written = format(name) || `{${name}}`;
    if (samplesShown && isSample(name) && !samplesShown.has(name)) samplesShown.set(name, written);
    return written;
  };
  const fill = (segments) => {
    const runs = [];
    let filled = "";
    segments.forEach((segment) => {
      let text;
      if (segment.v !== undefined) {
        filled = placeholder(segment.v);
        text = filled;
      } else {
        text = afterValue(filled, segment.t);
        filled = "";
      }
      runs.push({ text, strong: segment.style === "strong", emphasis: segment.style === "em" });
    });
    return tidy(runs);
  };
  const plainRuns = (runs) => runs.map((run) => run.text).join("");
  const holds = (clause) => Object.keys(clause.when).every((name) => valueOf(name) === clause.when[name]);
  const sayClause = (clause) => {
    if (!clause.forms) return fill(clause.text.s);
    const rule = clause.en ? englishRule : pageRule;
    return fill(clause.forms[Math.min(rule(Number(valueOf(clause.count)) || 0), clause.forms.length - 1)].s);
  };
  const blockParts = (block, kind) => {
    const parts = [];
    block.groups.forEach((group) => {
      const body = [];
      group.runs.forEach((run) => {
        const shown = run.clauses.filter((clause) => (kind === null || clause.documents.includes(kind))
          && holds(clause)).map(sayClause);
        if (!shown.length) return;
        if (run.list === null) shown.forEach((content) => body.push({ paragraph: content }));
        else body.push({ list: shown, numbered: run.list === "numbered" });
      });
      if (body.length && group.heading) parts.push({ level: 3, heading: fill(group.heading.s) });
      parts.push(...body);
    });
    return parts;
  };

  /** A date by a CLDR pattern with its month names (babel.dates.format_date). */
  function byDatePattern(words, date) {
    return words.pattern.replace(/'([^']*)'|y+|M+|L+|d+/g, (token, quoted) => {
      if (quoted !== undefined) return quoted === "" ? "'" : quoted;
      if (token[0] === "y") return token.length === 2 ? String(date.year % 100).padStart(2, "0") : String(date.year);
      if (token[0] === "d") return String(date.day).padStart(token.length, "0");
      if (token.length >= 3) return (token[0] === "L" ? words.standalone : words.months)[date.month - 1];
      return String(date.month).padStart(token.length, "0");
    });
  }
  /** A long date by the language's CLDR pattern (babel.dates.format_date "long"). */
  const longDate = (date) => byDatePattern(models.frame.date, date);
  const parseDate = (text) => {
    const [year, month, day] = text.split("-").map(Number);
    return { year, month, day };
  };
  /** A year later (the annual review); 29 February becomes 28 February (documents.Frame). */
  const nextYear = (date) => ({ year: date.year + 1, month: date.month,
    day: date.month === 2 && date.day === 29 ? 28 : date.day });
  const slot = (message, name, value) => message.split(`{${name}}`).join(value);

  /** The document ``kind`` of kit ``kitId`` ({title, parts, blocks}) effective from
   *  ``effective`` (YYYY-MM-DD) in ``version``; ``leftOut`` holds optional blocks switched off;
   *  ``branchId``: that branch's edition, else (when there are branches) the table of them. */
  const buildDocument = (kitId, kind, effective, version, leftOut = new Set(), branchId = null) => {
    const branch = branchNamed(branchId);  // the branch's edition: its values replace the business's
    branchValues = branch && branch.values;
    const model = models.kits[kitId];
    const words = models.frame;
    const date = parseDate(effective);
    samplesShown = new Map();
    const title = tidy([{ text: slot(words.titles[kind], "business_name", placeholder("business_name")), strong: false, emphasis: false }]);
    const lines = [slot(words.effective, "date", longDate(date)), slot(words.version, "version", version),
      slot(words.nextReview, "date", longDate(nextYear(date)))];
    if (branch) lines.splice(2, 0, slot(words.branch, "branch", branch.name));
    if (country().territory) lines.push(slot(words.country, "country", country().name));
    lines.push(slot(words.language, "language", words.languageName));
    const parts = [{ level: 1, heading: title },
      ...lines.map((line) => ({ paragraph: tidy([{ text: line, strong: false, emphasis: false }]) }))];
    const shown = [];
    listsBranches = !branch && branchesOf().length > 0;
    model.blocks.forEach((block) => {
      if (!block.documents.includes(kind) || leftOut.has(block.id)) return;
      const found = blockParts(block, kind);
      if (!found.length) return;
      parts.push({ level: 2, heading: fill(block.title.s) }, ...found);
      shown.push(block.id);
    });
    if (!branch) parts.push(...branchesTable(model));
    branchValues = null;
    listsBranches = false;
    const samples = samplesShown;
    samplesShown = null;
    return { title: plainRuns(title), parts, blocks: shown, samples };
  };

  /* Markdown as `policykb assemble` writes it (render_markdown): text stays text, so
   * characters that start markup are escaped, and so is the start of a line that would
   * begin a heading, a quote, a list item or a table. */
  const MD_SPECIAL = /([\\`*_[<~])|&(?=#?[0-9A-Za-z]+;)/g;
  const MD_LINE_START = /^(?:[#>+=|-]|(\d{1,9})[.)])/;
  const mdInline = (runs) => {
    const line = runs.map((run) => {
      const text = run.text.replace(MD_SPECIAL, (found) => `\\${found}`);
      const core = text.trim();
      if (!core || !(run.strong || run.emphasis)) return text;
      const lead = text.slice(0, text.length - text.trimStart().length);
      const trail = text.slice(text.trimEnd().length);
      let styled = run.emphasis ? `_${core}_` : core;
      if (run.strong) styled = `**${styled}**`;
      return lead + styled + trail;
    }).join("");
    const start = line.match(MD_LINE_START);
    if (!start) return line;
    if (start[1] !== undefined) return `${start[1]}\\${line.slice(start[1].length)}`;
    return `\\${line}`;
  };
  const toMarkdown = (doc) => {
    const lines = [];
    doc.parts.forEach((part) => {
      if (part.heading) {
        let text = mdInline(part.heading);
        if (text.endsWith("#")) text = `${text.slice(0, -1)}\\#`;
        lines.push(`${"#".repeat(part.level)} ${text}`, "");
      } else if (part.paragraph) {
        lines.push(mdInline(part.paragraph), "");
      } else if (part.table) {
        lines.push(...tableLines(part.table, mdCell), "");
      } else {
        part.list.forEach((item, index) => lines.push((part.numbered ? `${index + 1}. ` : "- ") + mdInline(item)));
        lines.push("");
      }
    });
    return `${lines.join("\n").replace(/\n+$/, "")}\n`;
  };
  /** Plain text (Copy): the same lines without markup. */
  const toText = (doc) => {
    const lines = [];
    doc.parts.forEach((part) => {
      if (part.heading) lines.push(plainRuns(part.heading), "");
      else if (part.paragraph) lines.push(plainRuns(part.paragraph), "");
      else if (part.table) lines.push(...tableText(part.table));
      else {
        part.list.forEach((item, index) => lines.push((part.numbered ? `${index + 1}. ` : "- ") + plainRuns(item)));
        lines.push("");
      }
    });
    return `${lines.join("\n").replace(/\n+$/, "")}\n`;
  };

  /* HTML as `policykb assemble -o policy.html` writes it (render_html, html_page): the
   * page data's `htmlPage` with its slots filled; only headings, paragraphs, lists,
   * strong and em, every value escaped. */
  const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
  const htmlText = (text) => text.replace(/[&<>"']/g, (found) => HTML_ESCAPES[found]);
  const htmlInline = (runs) => runs.map((run) => {
    let text = htmlText(run.text);
    if (run.emphasis) text = `<em>${text}</em>`;
    if (run.strong) text = `<strong>${text}</strong>`;
    return text;
  }).join("");
  const htmlBody = (doc, shift = 0) => doc.parts.map((part) => {
    if (part.heading) return `<h${part.level + shift}>${htmlInline(part.heading)}</h${part.level + shift}>`;
    if (part.paragraph) return `<p>${htmlInline(part.paragraph)}</p>`;
    if (part.table) return tableHtml(part.table);
    const tag = part.numbered ? "ol" : "ul";
    return `<${tag}>${part.list.map((item) => `\n<li>${htmlInline(item)}</li>`).join("")}\n</${tag}>`;
  }).join("\n");

  /* A returns policy's schema.org data, by the rule of policykb/structured.py (return_policy):
   * the merchant and its MerchantReturnPolicy, when the document holds the return window. */
  const SCHEMA = "https://schema.org/";
  const returnPolicy = (doc) => {
    const shows = (block) => doc.blocks.includes(block);
    if (!shows("return-window")) return null;
    const days = Number(valueOf("return_days")) || 0;
    const policy = { "@type": "MerchantReturnPolicy" };
    const territory = country().territory;
    if (territory) Object.assign(policy, { applicableCountry: territory, returnPolicyCountry: territory });
    if (days <= 0) {
      policy.returnPolicyCategory = `${SCHEMA}MerchantReturnNotPermitted`;
    } else {
      Object.assign(policy, { returnPolicyCategory: `${SCHEMA}MerchantReturnFiniteReturnWindow`, merchantReturnDays: days });
      const methods = [["sells_online", "ReturnByMail"], ["sells_in_shop", "ReturnInStore"]]
        .filter(([name]) => valueOf(name)).map(([, method]) => SCHEMA + method);
      if (methods.length) policy.returnMethod = methods.length > 1 ? methods : methods[0];
      const shipsBack = Boolean(valueOf("sells_online"));
      const shipping = shows("online-returns-shipping") ? valueOf("return_shipping") : null;
      if (shows("restocking-fee") && valueOf("charge_fee")) {
        Object.assign(policy, { returnFees: `${SCHEMA}RestockingFees`, restockingFee: Number(valueOf("fee_percent")) });
      } else if (shipsBack && shipping !== null && shipping !== "free") {
        policy.returnFees = `${SCHEMA}ReturnShippingFees`;
      } else if (shows("restocking-fee") && (!shipsBack || shipping === "free")) {
        policy.returnFees = `${SCHEMA}FreeReturn`;
      }
    }
    return { "@context": "https://schema.org", "@type": "Organization", name: format("business_name"),
      hasMerchantReturnPolicy: policy };
  };
  /* JSON with no "<" at all: no value can end the script element (structured.py json_ld). */
  const jsonLd = (value) => JSON.stringify(value, null, 2).replace(/</g, "\\u003c");

  const toHtml = (doc) => {
    const structured = returnPolicy(doc);
    const values = { lang: htmlText(document.documentElement.lang), title: htmlText(doc.title),
      data: structured ? `<script type="application/ld+json">\n${jsonLd(structured)}\n</script>\n` : "",
      body: htmlBody(doc) };
    return data.htmlPage.replace(/\{(lang|title|data|body)\}/g, (found, name) => values[name]);
  };

  /* The fragment for a website builder (render_snippet, HTML_SNIPPET): the page data's
   * `htmlSnippet` with the document in it, headings from h2. */
  const toSnippet = (doc) => {
    const values = { lang: htmlText(document.documentElement.lang), body: htmlBody(doc, 1) };
    return data.htmlSnippet.replace(/\{(lang|body)\}/g, (found, name) => values[name]);
  };

  /** The document as elements of the page: text nodes only, never markup. */
  const toElements = (doc, container) => {
    const marked = [...doc.samples.values()].filter((text) => text);
    /** ``text`` as nodes, each sample in it marked. */
    const withSamples = (text) => {
      const nodes = [];
      let rest = text;
      while (rest) {
        const found = marked.map((sample) => [rest.indexOf(sample), sample])
          .filter(([at]) => at >= 0).sort((a, b) => a[0] - b[0] || b[1].length - a[1].length)[0];
        if (!found) { nodes.push(document.createTextNode(rest)); break; }
        const [at, sample] = found;
        if (at) nodes.push(document.createTextNode(rest.slice(0, at)));
        const mark = document.createElement("mark");
        mark.className = "pkb-sample";
        mark.textContent = sample;
        nodes.push(mark);
        rest = rest.slice(at + sample.length);
      }
      return nodes;
    };
    const inline = (element, runs) => {
      runs.forEach((run) => {
        let nodes = withSamples(run.text);
        ["em", "strong"].filter((tag) => (tag === "em" ? run.emphasis : run.strong)).forEach((tag) => {
          const styled = document.createElement(tag);
          styled.append(...nodes);
          nodes = [styled];
        });
        element.append(...nodes);
      });
      return element;
    };
    patchChildren(container, doc.parts.map((part) => {
      if (part.heading) return inline(document.createElement(`h${part.level}`), part.heading);
      if (part.paragraph) return inline(document.createElement("p"), part.paragraph);
      if (part.table) return tableElement(part.table, withSamples);
      const listElement = document.createElement(part.numbered ? "ol" : "ul");
      part.list.forEach((item) => listElement.append(inline(document.createElement("li"), item)));
      return listElement;
    }));
  };

  /* -- the policy builder ---------------------------------------------------- */

  const builder = document.querySelector(".pkb-builder");
  const kitChoice = builder && builder.querySelector(".pkb-kit-choice");
  /** True once the chosen kit's data is there (the page carries no kit's model); the
   *  builder's ``data-ready`` names the kit once its document is shown. */
  let shownKit = null;
  const ready = () => shownKit === kitChoice.value;
  const today = () => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  };
  const leftOut = new Set();  // "kit/block" of optional blocks switched off
  /** The optional blocks of ``kit`` switched off. */
  const leftOutOf = (kit) => new Set([...leftOut].filter((key) => key.startsWith(`${kit}/`))
    .map((key) => key.slice(kit.length + 1)));
  const chosen = () => {
    const kit = builder.querySelector(".pkb-kit-choice").value;
    const effective = builder.querySelector(".pkb-effective");
    const version = builder.querySelector(".pkb-version");
    return buildDocument(kit, builder.querySelector(".pkb-document-choice").value,
      /^\d{4}-\d\d-\d\d$/.test(effective.value) ? effective.value : today(),
      version.value.trim() || "1.0", leftOutOf(kit), viewedBranch());
  };

  /* A document taken away (copied, downloaded, printed) is remembered per kit and document
   * kind with its version; when the answers change it afterwards, the builder suggests the
   * next version (1.0 -> 1.1), unless the business has typed a version of its own. */
  const TAKEN = "policykb-taken";
  const takenKey = () => `${builder.querySelector(".pkb-kit-choice").value}/${builder.querySelector(".pkb-document-choice").value}`;
  /** The document's content without its frame's date and version: what a new version changes. */
  const contentOf = () => {
    const kit = builder.querySelector(".pkb-kit-choice").value;
    return toMarkdown(buildDocument(kit, builder.querySelector(".pkb-document-choice").value, "2000-01-01", "", leftOutOf(kit)));
  };
  const readTaken = () => {
    try {
      return JSON.parse(window.localStorage.getItem(TAKEN) || "{}");
    } catch (error) {
      return {};
    }
  };
  const rememberTaken = () => {
    const taken = readTaken();
    taken[takenKey()] = { version: builder.querySelector(".pkb-version").value.trim() || "1.0", content: contentOf() };
    try {
      window.localStorage.setItem(TAKEN, JSON.stringify(taken));
    } catch (error) { /* private mode: no suggestion next time */ }
  };
  const nextVersion = (version) => {
    const parts = /^(\d+)\.(\d+)$/.exec(version);
    return parts ? `${parts[1]}.${Number(parts[2]) + 1}` : null;
  };
  const suggestVersion = () => {
    const input = builder.querySelector(".pkb-version");
    const last = readTaken()[takenKey()];
    const shown = input.value.trim() || "1.0";
    if (!last || shown !== last.version || contentOf() === last.content) return;
    const next = nextVersion(last.version);
    if (!next) return;
    input.value = next;
    builder.querySelector(".pkb-builder-status").textContent = slot(slot(data.messages.newVersion, "version", last.version), "next", next);
  };

  /** "Download JSON-LD" only for a returns policy: while the return window is in the document. */
  const showDocument = () => {
    if (readTaken()[takenKey()]) suggestVersion();
    const doc = chosen();
    const container = document.querySelector(".pkb-document");
    container.className = `pkb-document pkb-document--${builder.querySelector(".pkb-document-choice").value}`;
    toElements(doc, container);
    builder.querySelector(".pkb-jsonld").hidden = !returnPolicy(doc);
    const notice = document.querySelector(".pkb-samples");
    notice.textContent = doc.samples.size ? slot(data.messages.samples, "details", sampleLabels(doc)) : "";
    notice.hidden = !doc.samples.size;
    Object.keys(data.variables).forEach((name) => {
      const element = field(name);
      if (element) element.classList.toggle("pkb-field--sample", doc.samples.has(name));
    });
  };
  /** The labels of the samples a document shows, as a list in the page's language. */
  const sampleLabels = (doc) => list([...doc.samples.keys()].map((name) => data.variables[name].label), locale);
  /** True when the document shows no sample, or the business chose to go on anyway. */
  const confirmed = (doc) => !doc.samples.size
    || window.confirm(slot(data.messages.samplesConfirm, "details", sampleLabels(doc)));

  /* -- the kits' data: fetched when a kit is chosen --------------------------- */

  const kitFiles = {};  // kit id -> the promise of its data (builder.py kit_data)
  const kitLoaded = {};  // kit id -> its data, once there
  /** The data of ``kit`` (its model, variables, settings and groups), fetched once. */
  const loadKit = (kit) => {
    if (!kitFiles[kit]) {
      kitFiles[kit] = fetch(new URL(`${data.kitsFolder}${encodeURIComponent(kit)}.json`, document.baseURI))
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status}`);
          return response.json();
        })
        .then((found) => {
          models.kits[kit] = found.model;
          kitLoaded[kit] = found;
          // its variables and their fields (markup the build wrote and escaped), each once
          Object.assign(data.variables, found.definitions);
          const template = document.createElement("template");
          template.innerHTML = found.fields;
          const pool = builder.querySelector(".pkb-field-pool");
          const added = [...template.content.children].filter((element) => !field(element.dataset.field));
          pool.append(...added);
          added.forEach((element) => wire(element.dataset.field));
          data.kitDefaults = Object.assign(data.kitDefaults || {}, { [kit]: found.settings });
          return found;
        });
      kitFiles[kit].catch(() => { delete kitFiles[kit]; });  // a later choice tries again
    }
    return kitFiles[kit];
  };

  /** ``value``, once the page has painted what it has (the kit's work never delays it). */
  const afterPaint = (value) => new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => resolve(value)));
  });

  /* -- the steps --------------------------------------------------------------- */

  const WIDE = "(min-width: 64rem)";  // policykb.css: the preview beside the steps
  let lastFormStep = 1;
  /** Show step ``number`` (1-4) and, with ``focus``, move the focus to its heading. On a
   *  wide screen the preview (step 4) is always shown, beside the last form step. */
  const showStep = (number, focus = true) => {
    builder.dataset.step = String(number);
    if (number < 4) lastFormStep = number;
    const beside = number === 4 && window.matchMedia(WIDE).matches ? lastFormStep : number;
    builder.querySelectorAll(".pkb-details > .pkb-step").forEach((step) => {
      step.hidden = Number(step.dataset.step) !== beside;
    });
    builder.querySelectorAll(".pkb-steps a").forEach((link) => {
      if (Number(link.dataset.stepTo) === number) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    });
    if (number === 4) render();  // a phone shows the preview only now
    if (focus) document.getElementById(`pkb-step-${number}-title`).focus();
  };
  /** The preview is in view: on a wide screen always, on a phone in step 4 (until then
   *  the document is not written, which keeps a phone's page quick). */
  const previewShown = () => builder.dataset.step === "4" || window.matchMedia(WIDE).matches;

  /** Show the step and the group that hold ``element`` (a field, a choice, a button). */
  const reveal = (element) => {
    const step = element.closest(".pkb-step");
    if (step) showStep(Number(step.dataset.step), false);
    const group = element.closest(".pkb-group");
    if (group) group.open = true;
  };

  /* -- step 3: the details, grouped by block ------------------------------------ */

  const openGroups = new Set(["business"]);  // the groups the business has open
  /** The groups of ``kit``: business-wide details first, then each block switched on with
   *  its own variables (each variable once, in the first block that asks it). */
  const groupsOf = (kit, found) => {
    const placed = new Set();
    const take = (names) => names.filter((name) => {
      if (placed.has(name) || !field(name)) return false;
      placed.add(name);
      return true;
    });
    const off = leftOutOf(kit);
    return [{ id: "business", title: data.business, questions: [], names: take(found.business) },
      ...found.groups.filter((group) => !off.has(group.block)).map((group) => ({
        id: group.block, title: group.title, questions: group.questions, names: take(group.variables) }))]
      .filter((group) => group.names.length);
  };
  /** A group: a <details> with the block's title and its count of samples, the block's
   *  questions and its fields (moved from the pool, listeners and values kept). */
  const groupElement = (group) => {
    const box = document.createElement("details");
    box.className = "pkb-group";
    box.dataset.group = group.id;
    box.open = openGroups.has(group.id);
    box.addEventListener("toggle", () => {
      if (box.open) openGroups.add(group.id);
      else openGroups.delete(group.id);
    });
    const summary = document.createElement("summary");
    const title = document.createElement("span");
    title.className = "pkb-group-title";
    title.textContent = group.title;
    const count = document.createElement("span");
    count.className = "pkb-group-count";
    summary.append(title, " ", count);
    box.append(summary);
    if (group.questions.length) {
      const questions = document.createElement("div");
      questions.className = "pkb-questions";
      const heading = document.createElement("p");
      heading.className = "pkb-questions-title";
      heading.textContent = data.questions;
      const items = document.createElement("ul");
      group.questions.forEach((question) => {
        const item = document.createElement("li");
        item.textContent = question;
        items.append(item);
      });
      questions.append(heading, items);
      box.append(questions);
    }
    const fields = document.createElement("div");
    fields.className = "pkb-group-fields";
    group.names.forEach((name) => fields.append(field(name)));
    box.append(fields);
    return box;
  };
  /** The groups of the chosen kit, once its data is there. */
  const renderGroups = () => {
    const pool = builder.querySelector(".pkb-field-pool");
    const groups = builder.querySelector(".pkb-groups");
    groups.querySelectorAll("[data-field]").forEach((element) => pool.append(element));
    const found = kitLoaded[kitChoice.value];
    groups.replaceChildren(...(found ? groupsOf(kitChoice.value, found).map(groupElement) : []));
  };
  /** Each group says how many of its details are still samples; a group whose fields
   *  all do not apply goes. */
  const countSamples = () => {
    builder.querySelectorAll(".pkb-group").forEach((box) => {
      const fields = [...box.querySelectorAll("[data-field]")];
      box.hidden = fields.every((element) => element.hidden);
      const samples = fields.filter((element) => !element.hidden && isSample(element.dataset.field)).length;
      const forms = data.samplesLeft;
      box.querySelector(".pkb-group-count").textContent = samples
        ? slot(forms[Math.min(pageRule(samples), forms.length - 1)], "count", String(samples)) : "";
    });
  };

  /** Choose the kit: its optional blocks and warnings at once, the rest once its data is
   *  there (the preview keeps its space meanwhile). */
  const chooseKit = () => {
    const kit = kitChoice.value;
    builder.querySelectorAll(".pkb-optional-choice").forEach((choice) => {
      choice.hidden = choice.dataset.kit !== kit;
    });
    document.querySelectorAll(".pkb-kit-warnings").forEach((warnings) => {
      warnings.hidden = !warnings.classList.contains(`pkb-kit-${kit}`);
    });
    shownKit = null;
    delete builder.dataset.ready;
    const container = document.querySelector(".pkb-document");
    container.setAttribute("aria-busy", "true");
    return loadKit(kit).then(afterPaint).then((found) => {
      if (kitChoice.value !== kit) return;
      shownKit = kit;
      container.setAttribute("aria-busy", "false");
      renderGroups();
      Object.keys(data.variables).forEach(fillField); // the kit's settings are its defaults
      const intro = builder.querySelector(".pkb-kit-intro");
      intro.replaceChildren(...found.model.introduction.map((text) => {
        const paragraph = document.createElement("p");
        fill(text.s).forEach((run) => paragraph.append(run.text));
        return paragraph;
      }));
      setTimeout(() => {  // a task of its own: the page stays responsive
        if (kitChoice.value !== kit) return;
        render();
        builder.dataset.ready = kit;
        builder.dispatchEvent(new Event("pkb-kit-ready"));
      });
    }, () => {
      builder.querySelector(".pkb-builder-status").textContent = data.messages.kitFailed;
    });
  };

  /** A file named after the chosen kit, document and the page's language, e.g.
   *  "restaurant-cafe-staff-handbook-uk.md". */
  const download = (extension, type, text) => {
    const name = `${builder.querySelector(".pkb-kit-choice").value}-${builder.querySelector(".pkb-document-choice").value}-${document.documentElement.lang}.${extension}`;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  };

  if (builder) {
    builder.querySelector(".pkb-effective").value = today();
    kitChoice.addEventListener("change", chooseKit);
    ["pkb-document-choice", "pkb-effective", "pkb-version"].forEach((name) => {
      builder.querySelector(`.${name}`).addEventListener("input", render);
      builder.querySelector(`.${name}`).addEventListener("change", render);
    });
    builder.querySelectorAll(".pkb-optional-choice input").forEach((box) => {
      box.addEventListener("change", () => {
        const key = `${box.dataset.kit}/${box.dataset.block}`;
        if (box.checked) leftOut.delete(key);
        else leftOut.add(key);
        renderGroups();  // only the blocks switched on have a group
        render();
      });
    });
    window.matchMedia(WIDE).addEventListener("change", render);
    builder.querySelectorAll("[data-step-to]").forEach((control) => {
      control.addEventListener("click", (event) => {
        event.preventDefault();
        showStep(Number(control.dataset.stepTo));
      });
    });
    const status = builder.querySelector(".pkb-builder-status");
    /** Copy ``write(doc)`` of the confirmed document, and say so. */
    const copy = (write, done) => async () => {
      const doc = chosen();
      if (!confirmed(doc)) return;
      try {
        await navigator.clipboard.writeText(write(doc));
        rememberTaken();
        status.textContent = done;
      } catch (error) {
        status.textContent = data.messages.copyFailed;
      }
    };
    builder.querySelector(".pkb-copy").addEventListener("click", copy(toText, data.messages.copied));
    builder.querySelector(".pkb-snippet").addEventListener("click", copy(toSnippet, data.messages.snippetCopied));
    /** Run ``take`` with the chosen document once the business has confirmed its samples. */
    const takeAway = (take) => () => {
      const doc = chosen();
      if (!confirmed(doc)) return;
      take(doc);
      rememberTaken();
    };
    builder.querySelector(".pkb-markdown").addEventListener("click", takeAway((doc) =>
      download("md", "text/markdown;charset=utf-8", toMarkdown(doc))));
    builder.querySelector(".pkb-html").addEventListener("click", takeAway((doc) =>
      download("html", "text/html;charset=utf-8", toHtml(doc))));
    builder.querySelector(".pkb-jsonld").addEventListener("click", takeAway((doc) => {
      const structured = returnPolicy(doc);
      if (structured) download("jsonld", "application/ld+json;charset=utf-8", `${jsonLd(structured)}\n`);
    }));
    builder.querySelector(".pkb-print").addEventListener("click", takeAway((doc) => {
      document.documentElement.style.setProperty("--pkb-running-title", JSON.stringify(doc.title));
      window.print();
    }));
    afterPaint().then(chooseKit);  // the page shows first, then the kit's file loads
  }

  /** The formatting rules for the shared table (tests/data/value_formats.json). */
  const formatCase = (type, value, currency, cycle) => (type === "date" ? longDate(parseDate(value))
    : formatValue(type, value, locale, currency, cycle));
  window.policykb = { render, format, formatCase, valueOf, time, afterValue, countryId, asked,
    loadKit, showStep: (number) => showStep(number, false),
    reveal: (element) => { if (builder && builder.contains(element)) reveal(element); },
    buildDocument, markdownOf: toMarkdown, htmlOf: toHtml, snippetOf: toSnippet, jsonLdOf: (doc) => returnPolicy(doc),
    toMarkdown: (plain) => (plain ? toText(chosen()) : toMarkdown(chosen())), toHtml: () => toHtml(chosen()) };

  /* -- saved answers: the answers file, written and read back -----------------------
   * "Save my answers" writes the answers file that `policykb assemble --values` reads
   * (policykb: answers/1) in one fixed style of YAML: block mappings and sequences, every
   * string double-quoted with JSON's escapes, numbers and booleans plain. "Open answers"
   * reads any JSON and the YAML a person writes for this file (as `policykb assemble`
   * reads it: tests/data/answers_yaml_cases.json), noting the line of every value; the old
   * flat form (variable: value) as the values; checks it against
   * the published JSON Schema (answers.schema.json) and the value checks above; and only
   * then replaces the answers. Nothing leaves the browser. */

  const ANSWERS_FORMAT = "answers/1";
  /** A string as YAML reads it back: JSON's escapes, and characters YAML will not take
   *  (C1 controls, line and paragraph separators, BOM, noncharacters) escaped too. */
  const yamlString = (text) => JSON.stringify(text)
    .replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
      (found) => `\\u${found.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const yamlKey = (key) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : yamlString(key));
  const isBlock = (value) => value !== null && typeof value === "object" && Object.keys(value).length > 0;
  const yamlScalar = (value) => {
    if (typeof value === "string") return yamlString(value);
    if (Array.isArray(value)) return "[]";
    if (value !== null && typeof value === "object") return "{}";
    return value === null ? "null" : String(value);
  };
  /** ``value`` (a mapping or a sequence) as lines of block YAML at ``indent``. */
  const yamlLines = (value, indent) => {
    const lines = [];
    if (Array.isArray(value)) {
      value.forEach((item) => {
        if (!isBlock(item)) { lines.push(`${indent}- ${yamlScalar(item)}`); return; }
        const inner = yamlLines(item, `${indent}  `);
        inner[0] = `${indent}- ${inner[0].slice(indent.length + 2)}`;
        lines.push(...inner);
      });
    } else {
      Object.keys(value).forEach((key) => {
        if (isBlock(value[key])) lines.push(`${indent}${yamlKey(key)}:`, ...yamlLines(value[key], `${indent}  `));
        else lines.push(`${indent}${yamlKey(key)}: ${yamlScalar(value[key])}`);
      });
    }
    return lines;
  };
  const answersYaml = (answers) => [
    "# policykb answers: open in the builder (Open answers) or run",
    `#   policykb assemble --values answers.yaml --lang ${document.documentElement.lang} -o policy.md`,
    ...yamlLines(answers, ""), ""].join("\n");

  /** A problem found in a file: where (its path in the data, its line) and what. */
  class AnswersProblem extends Error {
    constructor(line, problem, path = [], slots = {}) {
      super(problem);
      Object.assign(this, { line, problem, path, slots });
    }
  }
  const at = (path) => JSON.stringify(path);

  /** YAML as a person writes an answers file, read with the line of every value ({value,
   *  where}): block mappings and sequences, comments, plain, single- and double-quoted
   *  scalars (over several lines too), flow sequences and mappings, block scalars (| and >).
   *  Plain scalars resolve as YAML 1.2's core schema, as policykb reads them (a date stays
   *  text). Anchors, aliases, tags and several documents are refused, naming the line. */
  const readYaml = (source) => {
    const text = source.replace(/\r\n?/g, "\n");
    const where = new Map();
    const starts = [0];
    for (let index = 0; index < text.length; index += 1) if (text[index] === "\n") starts.push(index + 1);
    const lineAt = (offset) => {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (starts[middle] <= offset) low = middle; else high = middle - 1;
      }
      return low + 1;
    };
    const columnAt = (offset) => offset - starts[lineAt(offset) - 1];
    let i = 0;
    let started = false;  // a node has been read: a later "---" starts a second document
    const fail = (offset = i, problem = "syntax") => { throw new AnswersProblem(lineAt(offset), problem); };
    const blank = (char) => char === " " || char === "\t";
    const ends = (offset) => offset >= text.length || " \t\n".includes(text[offset]);
    /** Past spaces, line ends and comments, to the next content (or the end). */
    const skip = () => {
      for (;;) {
        while (i < text.length && " \t\n".includes(text[i])) i += 1;
        if (text[i] !== "#") break;
        while (i < text.length && text[i] !== "\n") i += 1;
      }
      const indent = text.slice(starts[lineAt(i) - 1], i);
      if (i < text.length && indent.includes("\t") && !indent.trim()) fail();
      if (i < text.length && columnAt(i) === 0 && /^(?:---|\.\.\.)(?=[ \t\n]|$)|^%/.test(text.slice(i, i + 4))) {
        if (started || text[i] !== "-") fail(i, "unsupported");
        i += 3;
        started = true;
        skip();
      }
    };
    /** The rest of the line holds nothing but spaces and a comment. */
    const lineEnd = () => {
      while (blank(text[i])) i += 1;
      if (text[i] === "#" && blank(text[i - 1])) while (i < text.length && text[i] !== "\n") i += 1;
      if (i < text.length && text[i] !== "\n") fail();
    };
    const refuseNode = () => { if ("&*!".includes(text[i])) fail(i, "unsupported"); };

    const PLAIN = {
      null: /^(?:~|null|Null|NULL|)$/,
      bool: /^(?:true|True|TRUE|false|False|FALSE)$/,
      int: /^[-+]?(?:0b[01_]+|0o[0-7_]+|[0-9_]+|0x[0-9a-fA-F_]+)$/,
      float: /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+|\.[0-9_]+(?:[eE][-+][0-9]+)?|\.(?:inf|Inf|INF))$|^\.(?:nan|NaN|NAN)$/,
    };
    /** A plain scalar's value, as YAML 1.2's core schema resolves it. */
    const resolve = (word) => {
      if (PLAIN.null.test(word)) return null;
      if (PLAIN.bool.test(word)) return word[0].toLowerCase() === "t";
      if (PLAIN.int.test(word) && /\d/.test(word)) {
        const sign = word[0] === "-" ? -1 : 1;
        const digits = word.replace(/^[-+]/, "").replace(/_/g, "");
        const base = { b: 2, o: 8, x: 16 }[digits[1]];
        const number = sign * (base ? parseInt(digits.slice(2), base) : Number(digits));
        return number === 0 ? 0 : number;
      }
      if (PLAIN.float.test(word)) {
        const number = word.replace(/_/g, "").replace(/^([-+]?)\.(inf|Inf|INF)$/, "$1Infinity");
        return /nan/i.test(number) ? NaN : Number(number);
      }
      return word;
    };
    /** One line of a plain scalar from ``i``: up to ": ", " #", the line's end and, in a
     *  flow, a flow indicator. */
    const plainLine = (flow) => {
      const from = i;
      while (i < text.length && text[i] !== "\n") {
        const char = text[i];
        if (char === ":" && (ends(i + 1) || (flow && ",[]{}".includes(text[i + 1])))) break;
        if (char === "#" && blank(text[i - 1])) break;
        if (flow && ",[]{}".includes(char)) break;
        i += 1;
      }
      while (i > from && blank(text[i - 1])) i -= 1;
      return text.slice(from, i);
    };
    /** Folded line breaks of a quoted or plain scalar: one break a space, more kept less one. */
    const fold = (lines) => lines.reduce((folded, line, index) => {
      if (index === 0) return line;
      return folded + (line === "" ? "\n" : (lines[index - 1] === "" ? "" : " ") + line);
    }, "");
    const ESCAPES = { 0: "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r",
      e: "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\x85", _: "\xa0", L: "\u2028", P: "\u2029" };
    const HEX = { x: 2, u: 4, U: 8 };
    /** A quoted scalar from ``i`` (at its quote), over several lines if need be. */
    const quoted = () => {
      const quote = text[i];
      i += 1;
      const lines = [];
      let line = "";
      for (;;) {
        if (i >= text.length) fail();
        const char = text[i];
        if (char === quote && quote === "'" && text[i + 1] === "'") { line += "'"; i += 2; continue; }
        if (char === quote) { i += 1; break; }
        if (char === "\\" && quote === '"') {
          const code = text[i + 1];
          if (code === "\n") {  // an escaped line break joins the lines
            i += 2;
            while (blank(text[i])) i += 1;
            continue;
          }
          if (has(HEX, code)) {
            const digits = text.slice(i + 2, i + 2 + HEX[code]);
            if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== HEX[code]) fail(i);
            line += String.fromCodePoint(parseInt(digits, 16));
            i += 2 + HEX[code];
            continue;
          }
          if (!has(ESCAPES, code)) fail(i);
          line += ESCAPES[code];
          i += 2;
          continue;
        }
        if (char === "\n") {
          lines.push(line.replace(/[ \t]+$/, ""));
          line = "";
          i += 1;
          while (blank(text[i])) i += 1;
          continue;
        }
        line += char;
        i += 1;
      }
      lines.push(line);
      return fold(lines);
    };

    /** A node in a flow (inside [ ] or { }), at ``path``. */
    const flowNode = (path) => {
      skip();
      where.set(at(path), lineAt(i));
      refuseNode();
      const char = text[i];
      if (char === "[" || char === "{") {
        const close = char === "[" ? "]" : "}";
        const result = char === "[" ? [] : {};
        i += 1;
        for (;;) {
          skip();
          if (text[i] === close) { i += 1; return result; }
          if (Array.isArray(result)) {
            result.push(flowNode([...path, result.length]));
          } else {
            const keyAt = i;
            const key = flowKey();
            const child = [...path, key];
            if (has(result, key)) throw new AnswersProblem(lineAt(keyAt), "duplicate", child);
            skip();
            if (text[i] === ":") {
              i += 1;
              skip();
              result[key] = text[i] === "," || text[i] === close ? null : flowNode(child);
            } else {
              result[key] = null;
            }
            where.set(at(child), lineAt(keyAt));
          }
          skip();
          if (text[i] === ",") i += 1;
          else if (text[i] !== close) fail();
        }
      }
      if (char === '"' || char === "'") return quoted();
      if (i >= text.length || ",]}#|>%@`?".includes(char)) fail();
      return resolve(plainLine(true));
    };
    const textKey = (key, offset) => {
      if (typeof key !== "string") fail(offset);
      if (key === "<<") fail(offset, "unsupported");
      return key;
    };
    const flowKey = () => {
      const keyAt = i;
      refuseNode();
      if (text[i] === '"' || text[i] === "'") return quoted();
      if ("[]{},#".includes(text[i])) fail();
      return textKey(resolve(plainLine(true)), keyAt);
    };

    /** A block mapping's key at ``i``, or null when the line holds none: the key and the
     *  offset just past its colon. */
    const blockKey = () => {
      const from = i;
      if (text[i] === '"' || text[i] === "'") {
        const key = quoted();
        while (blank(text[i])) i += 1;
        if (text[i] === ":" && ends(i + 1)) { i += 1; return key; }
        i = from;
        return null;
      }
      if ("[{".includes(text[i])) return null;
      const word = plainLine(false);
      if (text[i] === ":" && ends(i + 1)) { i += 1; return textKey(resolve(word), from); }
      i = from;
      return null;
    };
    /** A scalar or flow collection that starts on a block line, at ``path``; a plain
     *  scalar continues on lines indented more than ``indent``. */
    const inline = (path, indent) => {
      refuseNode();
      where.set(at(path), lineAt(i));
      if (text[i] === "[" || text[i] === "{" || text[i] === '"' || text[i] === "'") {
        const value = flowNode(path);
        lineEnd();
        return value;
      }
      if (text[i] === "|" || text[i] === ">") return blockScalar(indent);
      if ("]},%@`".includes(text[i]) || (text[i] === "-" && ends(i + 1))) fail();
      const lines = [plainLine(false)];
      if (text[i] === ":") fail();
      for (;;) {  // continuation lines
        if (text[i] === "#") break;
        let next = i;
        let breaks = 0;
        while (next < text.length && " \t\n".includes(text[next])) {
          if (text[next] === "\n") breaks += 1;
          next += 1;
        }
        if (next >= text.length || columnAt(next) <= indent || text[next] === "#" || breaks === 0) break;
        for (let extra = 1; extra < breaks; extra += 1) lines.push("");
        i = next;
        lines.push(plainLine(false));
        if (text[i] === ":") fail();
      }
      lineEnd();
      return lines.length === 1 ? resolve(lines[0]) : fold(lines);
    };
    /** A literal (|) or folded (>) block scalar, its lines indented more than ``indent``. */
    const blockScalar = (indent) => {
      const header = /^([|>])([-+]?)([1-9]?)([-+]?)/.exec(text.slice(i, i + 4));
      const style = header[1];
      const chomp = header[2] || header[4];
      i += header[0].length;
      lineEnd();
      const lines = [];
      let own = header[3] ? indent + Number(header[3]) : null;
      while (i < text.length) {
        const lineStart = i + 1;
        const lineStop = text.indexOf("\n", lineStart) < 0 ? text.length : text.indexOf("\n", lineStart);
        const line = text.slice(lineStart, lineStop);
        if (line.trim() === "") { lines.push(""); i = lineStop; continue; }
        const spaces = line.length - line.trimStart().length;
        if (own === null) own = spaces;
        if (spaces < own || own <= indent) break;
        lines.push(line.slice(own));
        i = lineStop;
      }
      let trailing = 0;
      while (lines.length && lines[lines.length - 1] === "") { lines.pop(); trailing += 1; }
      let body = style === "|" ? lines.join("\n")
        : lines.reduce((folded, line, index) => {
          if (index === 0) return line;
          const previous = lines[index - 1];
          const keep = line === "" || /^[ \t]/.test(line) || previous === "" || /^[ \t]/.test(previous);
          return folded + (line === "" ? "\n" : keep ? (previous === "" ? "" : "\n") : " ") + line;
        }, "");
      if (lines.length && chomp !== "-") body += "\n";
      if (chomp === "+") body += "\n".repeat(trailing);
      return body;
    };

    /** A block node at ``path`` under a parent at column ``indent``; ``sameIndent``: a
     *  sequence may start at the parent's column (a mapping's value). */
    const blockNode = (path, indent, sameIndent) => {
      skip();
      if (i >= text.length) return null;
      const column = columnAt(i);
      const item = text[i] === "-" && ends(i + 1);
      if (column < indent || (column === indent && !(sameIndent && item))) return null;
      return node(path, column);
    };
    /** The node that starts at ``i`` (its column ``column``): a sequence, a mapping or a scalar. */
    const node = (path, column) => {
      started = true;
      where.set(at(path), lineAt(i));
      if (text[i] === "-" && ends(i + 1)) return sequence(path, column);
      refuseNode();
      const from = i;
      if (blockKey() !== null) {
        i = from;
        return mapping(path, column);
      }
      return inline(path, column - 1);
    };
    const sequence = (path, column) => {
      const result = [];
      while (i < text.length && columnAt(i) === column && text[i] === "-" && ends(i + 1)) {
        const child = [...path, result.length];
        where.set(at(child), lineAt(i));
        i += 1;
        while (blank(text[i])) i += 1;
        if (i >= text.length || text[i] === "\n" || text[i] === "#") {
          result.push(blockNode(child, column, false));
        } else {
          result.push(node(child, columnAt(i)));
        }
        skip();
      }
      if (i < text.length && columnAt(i) > column) fail();
      return result;
    };
    const mapping = (path, column) => {
      const result = {};
      while (i < text.length && columnAt(i) === column && !(text[i] === "-" && ends(i + 1))) {
        const keyAt = i;
        refuseNode();
        if (text[i] === "?") fail();
        const key = blockKey();
        if (key === null) fail();
        const child = [...path, key];
        if (has(result, key)) throw new AnswersProblem(lineAt(keyAt), "duplicate", child);
        where.set(at(child), lineAt(keyAt));
        while (blank(text[i])) i += 1;
        if (i >= text.length || text[i] === "\n" || text[i] === "#") {
          lineEnd();
          result[key] = blockNode(child, column, true);
        } else {
          result[key] = inline(child, column);
        }
        where.set(at(child), lineAt(keyAt));  // a value's line is its key's, as policykb has it
        skip();
      }
      if (i < text.length && columnAt(i) > column) fail();
      return result;
    };

    skip();
    const value = i < text.length ? node([], columnAt(i)) : null;
    skip();
    if (i < text.length) fail();
    where.set(at([]), 1);  // the file as a whole: its first line, as policykb has it
    return { value, where };
  };

  /** JSON read with the line of every value: {value, lines}. */
  const readJson = (text) => {
    const where = new Map();
    const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
    const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    let index = 0;
    let line = 1;
    const space = () => {
      while (index < text.length && " \t\n\r".includes(text[index])) {
        if (text[index] === "\n") line += 1;
        index += 1;
      }
    };
    const fail = () => { throw new AnswersProblem(line, "json"); };
    const token = (pattern) => {
      pattern.lastIndex = index;
      const found = pattern.exec(text);
      if (!found) fail();
      index = pattern.lastIndex;
      return JSON.parse(found[0]);
    };
    const expect = (char) => {
      space();
      if (text[index] !== char) fail();
      index += 1;
    };
    const value = (path) => {
      space();
      where.set(at(path), line);
      if (text[index] === "{") {
        index += 1;
        const result = {};
        space();
        if (text[index] === "}") { index += 1; return result; }
        for (;;) {
          space();
          const keyLine = line;
          const key = token(STRING);
          if (has(result, key)) throw new AnswersProblem(keyLine, "duplicate", [...path, key]);
          expect(":");
          result[key] = value([...path, key]);
          space();
          if (text[index] === "}") { index += 1; return result; }
          expect(",");
        }
      }
      if (text[index] === "[") {
        index += 1;
        const result = [];
        space();
        if (text[index] === "]") { index += 1; return result; }
        for (;;) {
          result.push(value([...path, result.length]));
          space();
          if (text[index] === "]") { index += 1; return result; }
          expect(",");
        }
      }
      return token(text[index] === '"' ? STRING : LITERAL);
    };
    const result = value([]);
    space();
    if (index < text.length) fail();
    return { value: result, where };
  };

  /** A file's text read as JSON (when it starts with "{" or "[" and is JSON) or as YAML. */
  const readAnswersText = (text) => {
    const body = text.replace(/^\ufeff/, "");
    if (!/^\s*[[{]/.test(body)) return readYaml(body);
    try {
      return readJson(body);
    } catch (error) {  // JSON's message, unless it is YAML's flow style
      try { return readYaml(body); } catch (ignored) { throw error; }
    }
  };

  /* The JSON Schema keywords the published schema uses (Draft 2020-12): type, enum, const,
   * pattern, properties, additionalProperties, required, items, minimum, maximum,
   * minLength, maxLength, minItems, maxItems, uniqueItems, $ref (in the same file), $defs,
   * allOf, anyOf, oneOf, not, if/then/else; annotations (title, description, format) are not checked, as
   * Draft 2020-12 has it. Each problem: {path, problem, slots}. */
  const sameValue = (a, b) => JSON.stringify(a) === JSON.stringify(b)
    || (a !== null && b !== null && typeof a === "object" && typeof b === "object"
      && Array.isArray(a) === Array.isArray(b) && Object.keys(a).length === Object.keys(b).length
      && Object.keys(a).every((key) => has(b, key) && sameValue(a[key], b[key])));
  const TYPES = {
    string: (value) => typeof value === "string",
    number: (value) => typeof value === "number" && isFinite(value),
    integer: (value) => Number.isInteger(value),
    boolean: (value) => typeof value === "boolean",
    null: (value) => value === null,
    array: (value) => Array.isArray(value),
    object: (value) => value !== null && typeof value === "object" && !Array.isArray(value),
  };
  const schemaAt = (root, ref) => ref.replace(/^#\/?/, "").split("/").filter((part) => part !== "")
    .reduce((found, part) => (found || {})[part.replace(/~1/g, "/").replace(/~0/g, "~")], root);
  const checkSchema = (schema, value, path, root, problems) => {
    const before = problems.length;
    const wrong = (problem = "wrong", slots = {}, where = path) => problems.push({ path: where, problem, slots });
    if (schema === false) wrong("unknown");
    if (typeof schema !== "object" || schema === null) return problems.length === before;
    if (schema.$ref !== undefined) checkSchema(schemaAt(root, schema.$ref), value, path, root, problems);
    if (schema.type !== undefined && ![].concat(schema.type).some((type) => TYPES[type] && TYPES[type](value))) {
      wrong();
      return false;
    }
    if (schema.enum !== undefined && !schema.enum.some((item) => sameValue(item, value))) {
      wrong(TYPES.string(value) || TYPES.number(value) ? "notChoice" : "wrong", { value: String(value) });
    }
    if (schema.const !== undefined && !sameValue(schema.const, value)) {
      wrong(TYPES.string(value) || TYPES.number(value) ? "notChoice" : "wrong", { value: String(value) });
    }
    if (typeof value === "string") {
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) wrong();
      const length = [...value].length;
      if ((schema.minLength !== undefined && length < schema.minLength)
        || (schema.maxLength !== undefined && length > schema.maxLength)) wrong();
    }
    if (typeof value === "number" && ((schema.minimum !== undefined && value < schema.minimum)
      || (schema.maximum !== undefined && value > schema.maximum))) wrong();
    if (TYPES.object(value)) {
      Object.keys(value).forEach((key) => {
        const child = [...path, key];
        if (schema.properties && has(schema.properties, key)) {
          checkSchema(schema.properties[key], value[key], child, root, problems);
        } else if (schema.additionalProperties === false) {
          wrong("unknown", {}, child);
        } else if (schema.additionalProperties !== undefined) {
          checkSchema(schema.additionalProperties, value[key], child, root, problems);
        }
      });
      (schema.required || []).filter((key) => !has(value, key)).forEach((key) => wrong("missing", { key }));
    }
    if (Array.isArray(value)) {
      if ((schema.minItems !== undefined && value.length < schema.minItems)
        || (schema.maxItems !== undefined && value.length > schema.maxItems)) wrong();
      if (schema.items !== undefined) {
        value.forEach((item, index) => checkSchema(schema.items, item, [...path, index], root, problems));
      }
      if (schema.uniqueItems) {
        value.forEach((item, index) => {
          if (value.slice(0, index).some((other) => sameValue(other, item))) wrong("duplicate", {}, [...path, index]);
        });
      }
    }
    (schema.allOf || []).forEach((part) => checkSchema(part, value, path, root, problems));
    if (schema.if !== undefined) {
      const then = checkSchema(schema.if, value, path, root, []) ? schema.then : schema.else;
      if (then !== undefined) checkSchema(then, value, path, root, problems);
    }
    if (schema.not !== undefined && checkSchema(schema.not, value, path, root, [])) wrong();
    ["oneOf", "anyOf"].filter((keyword) => schema[keyword] !== undefined).forEach((keyword) => {
      const tried = schema[keyword].map((option) => {
        const found = [];
        checkSchema(option, value, path, root, found);
        return found;
      });
      const passed = tried.filter((found) => !found.length).length;
      if (keyword === "oneOf" ? passed === 1 : passed >= 1) return;
      // one option that fails only deeper down is what the file meant: its problems say more
      const deeper = tried.filter((found) => found.length && found.every((problem) => problem.path.length > path.length));
      if (!passed && deeper.length === 1) problems.push(...deeper[0]);
      else wrong();
    });
    return problems.length === before;
  };

  /** The problems of answers that passed the schema, by the builder's own checks (the
   *  value checks above; each branch its own id). */
  const checkValues = (answers) => {
    const problems = [];
    const checkAll = (values, path) => Object.keys(values || {}).forEach((name) => {
      const definition = data.variables[name];
      if (definition && values[name] !== null && !isValid(definition, values[name])) {
        const type = definition.type === "hours" ? hoursProblem(values[name]) : definition.type;
        problems.push({ path: [...path, name], problem: "value", slots: { type } });
      }
    });
    checkAll(answers.policykb === undefined ? answers : answers.values, answers.policykb === undefined ? [] : ["values"]);
    const date = answers.effective_date;  // the schema's pattern, and a day the calendar has
    const day = new Date(`${date}T00:00:00Z`);
    if (date !== undefined && (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date)) {
      problems.push({ path: ["effective_date"], problem: "wrong", slots: {} });
    }
    const seen = new Set();
    (answers.branches || []).forEach((branch, index) => {
      checkAll(branch.values, ["branches", index, "values"]);
      if (seen.has(branch.id)) problems.push({ path: ["branches", index, "id"], problem: "duplicate", slots: {} });
      seen.add(branch.id);
    });
    return problems;
  };

  /** Where a problem is, for a person reading the file: the keys on its way, a variable by
   *  its label, an item by its number. */
  const fieldName = (path) => path.map((part, index) => {
    if (typeof part === "number") return String(part + 1);
    return path[index - 1] === "values" && data.variables[part] ? data.variables[part].label : part;
  }).join(" › ");
  /** The line of a problem: its value's, else the nearest enclosing one's. */
  const lineOf = (problem, where) => {
    for (let depth = problem.path.length; depth >= 0; depth -= 1) {
      const line = where.get(at(problem.path.slice(0, depth)));
      if (line !== undefined) return line;
    }
    return problem.line || 1;
  };
  /** A problem as a sentence in the page's language, with its line. */
  const problemText = (problem, where, messages) => {
    let text = problem.problem === "value" ? data.messages[problem.slots.type] || messages.wrong : messages[problem.problem];
    Object.keys(problem.slots).forEach((name) => { text = slot(text, name, problem.slots[name]); });
    const field = fieldName(problem.path);
    return `${slot(messages.at, "line", lineOf(problem, where))}: ${field ? `${field}: ` : ""}${text}`;
  };

  /* -- the answers panel and the branch editor ------------------------------------- */

  const answersPanel = document.querySelector(".pkb-answers");
  if (answersPanel && builder && answersData) {
    const messages = answersData.messages;
    const kitChoice = builder.querySelector(".pkb-kit-choice");
    const documentChoice = builder.querySelector(".pkb-document-choice");
    const effectiveInput = builder.querySelector(".pkb-effective");
    const versionInput = builder.querySelector(".pkb-version");
    const countryChoice = document.getElementById("pkb-country");
    const status = answersPanel.querySelector(".pkb-answers-status");
    const editChoice = document.getElementById("pkb-branch-edit");
    const viewChoice = document.getElementById("pkb-branch");
    const branchFields = answersPanel.querySelector(".pkb-branch-fields");
    const nameInput = document.getElementById("pkb-branch-name");
    const idInput = document.getElementById("pkb-branch-id");
    const branchField = (name) => branchFields.querySelector(`[data-branch-field="${CSS.escape(name)}"]`);
    let editing = null;  // the id of the branch in the editor
    const followsName = new WeakSet();  // branches whose id is still made from their name

    /** The answers file of what the builder holds: only values the business typed. */
    const answersOf = () => {
      const kit = kitChoice.value;
      const answers = { policykb: ANSWERS_FORMAT, kit, document: documentChoice.value };
      if (Object.keys(countries).length) answers.country = countryId();
      const channels = Object.keys(answersData.channels)
        .filter((channel) => data.variables[answersData.channels[channel]] && valueOf(answersData.channels[channel]) === true);
      if (channels.length) answers.channels = channels;
      answers.effective_date = /^\d{4}-\d\d-\d\d$/.test(effectiveInput.value) ? effectiveInput.value : today();
      answers.version = versionInput.value.trim() || "1.0";
      const left = [...builder.querySelectorAll(`.pkb-optional-choice[data-kit="${CSS.escape(kit)}"] input`)]
        .filter((box) => !box.checked).map((box) => box.dataset.block);
      if (left.length) answers.left_out = left;
      const bySwitch = channels.length ? Object.values(answersData.channels) : [];  // the channels say it
      const typed = (values, names) => Object.fromEntries(names
        .filter((name) => has(values, name) && isValid(data.variables[name], values[name]))
        .map((name) => [name, values[name]]));
      answers.values = typed(stored, Object.keys(data.variables).filter((name) => !bySwitch.includes(name)));
      const branches = branchesOf().map((branch) => ({ id: branch.id, name: branch.name, values: typed(branch.values, perBranch) }));
      if (branches.length) answers.branches = branches;
      return answers;
    };

    /** The answers in place of the builder's, all at once (they have been checked). */
    const applyAnswers = (answers) => {
      const flat = answers.policykb === undefined;
      const values = flat ? answers : answers.values || {};
      const next = {};
      Object.keys(values).filter((name) => data.variables[name] && values[name] !== null)
        .forEach((name) => { next[name] = values[name]; });
      Object.entries(answersData.channels).forEach(([channel, name]) => {
        if (answers.channels && data.variables[name]) next[name] = answers.channels.includes(channel);
      });
      if (answers.country && has(countries, answers.country)) next[COUNTRY] = answers.country;
      const branches = (answers.branches || []).map((branch) => ({ id: branch.id, name: branch.name,
        values: Object.fromEntries(Object.entries(branch.values || {}).filter(([name, value]) => perBranch.includes(name) && value !== null)) }));
      if (branches.length) next[BRANCHES] = branches;
      stored = next;
      save(stored);
      if (answers.kit && data.kitIds.includes(answers.kit)) kitChoice.value = answers.kit;
      if (answers.document) documentChoice.value = answers.document;
      if (answers.effective_date) effectiveInput.value = answers.effective_date;
      if (answers.version) versionInput.value = answers.version;
      const kit = kitChoice.value;
      builder.querySelectorAll(`.pkb-optional-choice[data-kit="${CSS.escape(kit)}"] input`).forEach((box) => {
        box.checked = !(answers.left_out || []).includes(box.dataset.block);
        if (box.checked) leftOut.delete(`${kit}/${box.dataset.block}`);
        else leftOut.add(`${kit}/${box.dataset.block}`);
      });
      if (countryChoice) countryChoice.value = countryId();
      Object.keys(data.variables).forEach((name) => { if (field(name)) showError(name, ""); });
      editing = null;
      viewChoice.value = "";
      listBranches();
      chooseKit();  // fills the fields and renders
    };

    /** What was opened, as the builder now holds it. */
    const summary = (name, answers) => {
      const list = document.createElement("dl");
      const optionText = (select) => (select.selectedOptions[0] ? select.selectedOptions[0].textContent : select.value);
      const rows = [["kit", optionText(kitChoice)], ["document", optionText(documentChoice)],
        ["country", country().name || ""],
        ["channels", (answers.channels || []).map((channel) => data.variables[answersData.channels[channel]].label).join("; ")],
        ["effective", longDate(parseDate(effectiveInput.value))], ["version", versionInput.value],
        ["leftOut", (answers.left_out || []).map((block) => {
          const box = builder.querySelector(`.pkb-optional-choice[data-kit="${CSS.escape(kitChoice.value)}"] input[data-block="${CSS.escape(block)}"]`);
          return box ? box.parentElement.textContent.trim() : block;
        }).join("; ")],
        ["values", Object.keys(data.variables).filter((key) => has(stored, key)).map((key) => data.variables[key].label).join("; ")],
        ["branches", branchesOf().map((branch) => branch.name).join("; ")]];
      rows.filter(([, shown]) => shown).forEach(([key, shown]) => {
        const term = document.createElement("dt");
        term.textContent = messages[key];
        const detail = document.createElement("dd");
        detail.textContent = shown;
        list.append(term, detail);
      });
      const said = document.createElement("p");
      said.textContent = slot(messages.opened, "file", name);
      status.replaceChildren(said, list);
    };
    const refuse = (name, problems, where) => {
      const said = document.createElement("p");
      said.className = "pkb-error";
      said.textContent = slot(messages.notOpened, "file", name);
      const items = document.createElement("ul");
      items.className = "pkb-answers-problems";
      items.append(...problems.slice(0, 20).map((problem) => {
        const item = document.createElement("li");
        item.textContent = problemText(problem, where, messages);
        return item;
      }));
      status.replaceChildren(said, items);
    };

    /** Read, check and (when it has no problem) open the file ``file``. */
    const openAnswers = async (file) => {
      let read;
      try {
        read = readAnswersText(await file.text());
      } catch (error) {
        if (!(error instanceof AnswersProblem)) throw error;
        refuse(file.name, [error], new Map());
        return;
      }
      let schema;
      try {
        const response = await fetch(answersData.schema);
        if (!response.ok) throw new Error(String(response.status));
        schema = await response.json();
      } catch (error) {
        const said = document.createElement("p");
        said.className = "pkb-error";
        said.textContent = slot(messages.noSchema, "file", answersData.schema.replace(/^(\.\.\/)+/, ""));
        status.replaceChildren(said);
        return;
      }
      const problems = [];
      const flat = TYPES.object(read.value) && !has(read.value, "policykb");  // the old form: the values
      if (checkSchema(flat ? { $ref: "#/$defs/values" } : schema, read.value, [], schema, problems)) {
        problems.push(...checkValues(read.value));
      }
      if (problems.length) {
        refuse(file.name, problems.sort((a, b) => lineOf(a, read.where) - lineOf(b, read.where)), read.where);
        return;
      }
      // the kit's variables first: a value is kept only for a variable the builder knows
      const kit = data.kitIds.includes(read.value.kit) ? read.value.kit : kitChoice.value;
      try {
        await loadKit(kit);
      } catch (error) {
        status.textContent = data.messages.kitFailed;
        return;
      }
      applyAnswers(read.value);
      summary(file.name, read.value);
    };

    /* The branch editor: one branch at a time; each change is stored at once. */
    const slug = (name) => name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    /** An id made from ``name`` that no other branch than ``own`` has. */
    const idFor = (name, own) => {
      const made = /[a-z]/.test(slug(name)) ? slug(name) : `branch-${branchesOf().indexOf(own) + 1}`;
      let id = made;
      for (let number = 2; branchesOf().some((branch) => branch !== own && branch.id === id); number += 1) id = `${made}-${number}`;
      return id;
    };
    const saveBranches = () => {
      if (!branchesOf().length) delete stored[BRANCHES];
      save(stored);
      render();
    };
    const branchError = (id, message) => {
      const error = document.getElementById(id);
      error.textContent = message;
      error.hidden = !message;
    };
    /** The branches in both choices; the one edited in the editor's fields. */
    function listBranches() {
      const branches = branchesOf();
      if (!branchNamed(editing)) editing = branches.length ? branches[0].id : null;
      const viewed = viewChoice.value;
      editChoice.replaceChildren(...branches.map((branch) => new Option(branch.name || branch.id, branch.id)));
      viewChoice.replaceChildren(viewChoice.options[0], ...branches.map((branch) => new Option(branch.name || branch.id, branch.id)));
      editChoice.value = editing || "";
      viewChoice.value = branchNamed(viewed) ? viewed : "";
      editChoice.disabled = !branches.length;
      answersPanel.querySelector(".pkb-branch-remove").hidden = !branches.length;
      branchFields.hidden = !editing;
      document.querySelector(".pkb-branch-view").hidden = !branches.length;
      const model = models.kits[kitChoice.value];  // not there until the kit's file is
      const inKit = new Set(model ? model.branchVariables.map((column) => column.name) : []);
      perBranch.forEach((name) => { branchField(name).hidden = !inKit.has(name); });  // as in "Your details"
      const branch = branchNamed(editing);
      if (!branch) return;
      nameInput.value = branch.name;
      idInput.value = branch.id;
      branchError("pkb-be-name", "");
      branchError("pkb-be-id", "");
      perBranch.forEach((name) => {
        const element = branchField(name);
        fillInput(name, element, has(branch.values, name) ? branch.values[name] : null);
        branchError(`pkb-be-${name}`, "");
        const input = element.querySelector(`input[name="${CSS.escape(name)}"]:not([type=checkbox])`);
        if (input) input.placeholder = format(name);  // the business-wide value it falls back to
      });
    }
    perBranch.forEach((name) => {
      const element = branchField(name);
      const changedInBranch = () => {
        const branch = branchNamed(editing);
        if (!branch) return;
        const definition = data.variables[name];
        const value = readField(name, element);
        const empty = value === null || value === "" || (Array.isArray(value) && !value.length);
        const wrong = !empty && !isValid(definition, value);
        const problem = definition.type === "hours" ? hoursProblem(value) : definition.type;
        branchError(`pkb-be-${name}`, wrong ? data.messages[problem] || "" : "");
        if (wrong) return;
        if (empty) delete branch.values[name];
        else branch.values[name] = value;
        saveBranches();
      };
      if (data.variables[name].type === "hours") hoursControls(element, changedInBranch);
      element.addEventListener("input", changedInBranch);
      element.addEventListener("change", changedInBranch);
    });
    nameInput.addEventListener("input", () => {
      const branch = branchNamed(editing);
      if (!branch) return;
      const name = nameInput.value.trim();
      branchError("pkb-be-name", name ? "" : messages.branchName);
      if (!name) return;
      branch.name = name;
      if (followsName.has(branch)) {
        branch.id = idFor(name, branch);
        editing = branch.id;
      }
      listBranches();
      saveBranches();
    });
    idInput.addEventListener("input", () => {
      const branch = branchNamed(editing);
      if (!branch) return;
      const id = idInput.value.trim();
      const problem = !/^[a-z0-9][a-z0-9-]*$/.test(id) ? messages.branchId
        : branchesOf().some((other) => other !== branch && other.id === id) ? messages.branchIdTaken : "";
      branchError("pkb-be-id", problem);
      if (problem) return;
      followsName.delete(branch);
      const viewed = viewChoice.value === branch.id;
      branch.id = id;
      editing = id;
      listBranches();
      if (viewed) viewChoice.value = id;
      saveBranches();
    });
    editChoice.addEventListener("change", () => {
      editing = editChoice.value;
      listBranches();
    });
    answersPanel.querySelector(".pkb-branch-add").addEventListener("click", () => {
      const branches = branchesOf();
      const branch = { id: "", name: slot(messages.newBranch, "number", String(branches.length + 1)), values: {} };
      stored[BRANCHES] = [...branches, branch];
      branch.id = idFor(branch.name, branch);
      followsName.add(branch);
      editing = branch.id;
      listBranches();
      saveBranches();
      nameInput.focus();
      nameInput.select();
    });
    answersPanel.querySelector(".pkb-branch-remove").addEventListener("click", () => {
      stored[BRANCHES] = branchesOf().filter((branch) => branch.id !== editing);
      editing = null;
      listBranches();
      saveBranches();
    });
    viewChoice.addEventListener("change", showDocument);
    builder.addEventListener("pkb-kit-ready", listBranches);
    form.querySelector(".pkb-clear").addEventListener("click", () => {
      delete stored[BRANCHES];
      save(stored);
      listBranches();
      render();
    });
    window.addEventListener("storage", (event) => { if (event.key === STORE) listBranches(); });

    answersPanel.querySelector(".pkb-save-answers").addEventListener("click", () => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([answersYaml(answersOf())], { type: "application/yaml;charset=utf-8" }));
      link.download = "answers.yaml";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    const opener = document.getElementById("pkb-open-answers");
    opener.addEventListener("change", async () => {
      const file = opener.files[0];
      opener.value = "";
      status.replaceChildren();  // nothing said about an earlier file
      if (file) await openAnswers(file);
    });
    listBranches();
    answersPanel.hidden = false;
    Object.assign(window.policykb, { answersOf, answersYaml: () => answersYaml(answersOf()),
      readAnswers: (text) => readAnswersText(text).value,
      /** A file's text as the reader takes it: {data, lines} or {line, problem}. */
      readAnswersCase: (text) => {
        try {
          const read = readAnswersText(text);
          return { data: read.value, lines: Object.fromEntries(read.where) };
        } catch (error) {
          if (!(error instanceof AnswersProblem)) throw error;
          return { line: error.line, problem: error.problem };
        }
      } });
  }

  render();
})();
