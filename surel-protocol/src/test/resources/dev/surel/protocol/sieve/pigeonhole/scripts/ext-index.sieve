require ["index", "fileinto"];
if header :index 1 "x-priority" "5" { fileinto "first-5"; }
if header :index 1 :last "x-priority" "1" { fileinto "last-1"; }
if header :index 2 "x-priority" "5" { fileinto "never"; }
if address :index 1 :domain "to" "imc.org" { fileinto "to-imc"; }
