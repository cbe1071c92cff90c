require ["variables", "fileinto"];
set "prefix" "Lists";
set :lower :upperfirst "who" "${prefix}-FOLDER";
if header :matches "List-Id" "<*.*.*>" {
    fileinto "${prefix}/${1}";
}
if header :matches "Subject" "[*] *" {
    set :upper "tag" "${1}";
    fileinto "${tag}-${who}";
}
set :length "n" "${who}";
if string :is "${n}" "12" { fileinto "length-12"; }
set :quotewildcard "q" "a*b?";
if string :matches "a*b?" "${q}" { fileinto "quoted"; }
if string :matches "${unknown}x" "x" { fileinto "unknown-empty"; }
