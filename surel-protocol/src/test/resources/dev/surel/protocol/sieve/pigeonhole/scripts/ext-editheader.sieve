require ["editheader", "fileinto", "index"];
addheader "X-Filtered" "yes";
if header :is "x-filtered" "yes" { fileinto "saw-added"; }
deleteheader "x-priority";
if not exists "x-priority" { fileinto "priority-deleted"; }
addheader :last "X-Priority" "9";
if header :index 1 "x-priority" "9" { fileinto "readded"; }
deleteheader :contains "subject" "cyrus";
if not exists "subject" { fileinto "subject-deleted"; }
