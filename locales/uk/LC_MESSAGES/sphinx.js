Documentation.addTranslations({
 "locale": "uk",
 "messages": {
  "Go": "Вперед",
  "Hide Search Matches": "Приховати співпадіння пошуку",
  "Please activate JavaScript to enable the search\n    functionality.": "Будь-ласка вімкніть підтримку JavaScript, щоб ввікнути\n\"\n\"    пошук.",
  "Search": "Пошук",
  "Search Results": "Результати пошуку",
  "search": "пошук"
 },
 "plural_expr": "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"
});
