Documentation.addTranslations({
 "locale": "el",
 "messages": {
  ", in ": ", στο ",
  "Go": "Πάμε",
  "Hide Search Matches": "Απόκρυψη Ευρεθέντων Αναζητήσεων",
  "Please activate JavaScript to enable the search\n    functionality.": "Παρακαλώ, ενεργοποιήστε τη JavaScript για να είναι δυνατή η λειτουργία\n    αναζήτησης.",
  "Preparing search...": "Προετοιμασία αναζήτησης...",
  "Search": "Αναζήτηση",
  "Search Results": "Αποτελέσματα Αναζήτησης",
  "Searching": "Εκτελείται η αναζήτηση",
  "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.": "Η αναζήτησή σας δεν ταυτοποιήθηκε με κανένα κείμενο. Παρακαλώ, επιβεβαιώστε ότι όλες οι λέξεις έχουν τη σωστή ορθογραφία και ότι έχετε επιλέξεις αρκετές κατηγορίες.",
  "search": "αναζήτηση"
 },
 "plural_expr": "(n != 1)"
});
