require ["date", "relational", "fileinto", "variables", "index"];
if date :originalzone "date" "zone" "-0800" { fileinto "pacific"; }
if date :zone "+0000" "date" "hour" "07" { fileinto "utc-seven"; }
if date :value "ge" :originalzone "date" "date" "2026-12-03" { fileinto "late"; }
if date :originalzone :matches "date" "std11" "*" { fileinto "std11 ${1}"; }
if date :zone "+0530" :matches "date" "iso8601" "*" { fileinto "iso ${1}"; }
if date :zone "-0100" :matches "date" "julian" "*" { fileinto "julian ${1}"; }
if date :originalzone :matches "date" "weekday" "*" { fileinto "weekday ${1}"; }
if date :index 1 :originalzone "date" "year" "2026" { fileinto "year"; }
