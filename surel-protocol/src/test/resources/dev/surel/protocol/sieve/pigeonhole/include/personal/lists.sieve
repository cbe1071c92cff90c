require ["fileinto", "include", "variables"];
global "folder";
if header :matches "List-Id" "<*.*.*>" {
    set "folder" "Lists/${1}";
    return;
}
set "folder" "Personal";
