Documentation.addTranslations({
 "locale": "tl",
 "messages": {},
 "plural_expr": "(n != 1)"
});
