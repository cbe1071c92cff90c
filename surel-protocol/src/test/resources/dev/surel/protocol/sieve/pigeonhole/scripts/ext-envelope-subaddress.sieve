require ["envelope", "subaddress", "fileinto", "variables"];
if envelope :detail "to" "work" { fileinto "detail-work"; }
if envelope :user "to" "me" { fileinto "user-me"; }
if envelope :domain :is "from" "example.net" { fileinto "from-example-net"; }
if address :user "to" "me" { fileinto "header-user-me"; }
if address :detail :matches ["to", "bcc"] "*" { fileinto "detail-${1}"; }
if envelope :all :matches "to" "*@*" { fileinto "to-domain-${2}"; }
