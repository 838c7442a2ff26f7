"""Per area, the one data function that feeds both a JSON route (:mod:`tipwatch.http.api`) and its HTML
twin (:mod:`tipwatch.http.web`), so neither imports the other."""
