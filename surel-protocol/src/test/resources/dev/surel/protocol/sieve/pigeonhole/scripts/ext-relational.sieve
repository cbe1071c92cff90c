require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if header :value "lt" :comparator "i;ascii-numeric" "x-priority" "3" { fileinto "urgent"; }
if header :value "gt" "x-priority" "10" { fileinto "text-gt-10"; }
if header :count "ge" :comparator "i;ascii-numeric" "x-priority" "2" { fileinto "two-priorities"; }
if address :count "gt" :comparator "i;ascii-numeric" ["to", "cc"] "1" { fileinto "many-recipients"; }
if header :is :comparator "i;ascii-numeric" "x-priority" "05" { fileinto "five"; }
if header :value "eq" :comparator "i;ascii-numeric" "x-missing" "" { fileinto "never"; }
