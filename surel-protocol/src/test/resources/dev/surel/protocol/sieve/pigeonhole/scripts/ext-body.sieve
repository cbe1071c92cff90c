require ["body", "fileinto"];
if body :contains "quarterly numbers" { fileinto "body-plain"; }
if body :text :contains "café" { fileinto "body-cafe"; }
if body :content "text/html" :contains "<b>" { fileinto "never-html-markup"; }
if body :content "text" :contains "coffee" { fileinto "content-text"; }
if body :raw :contains "caf=E9" { fileinto "raw-qp"; }
if body :content "application/pdf" :contains "secret" { fileinto "pdf"; }
if body :matches "*money*" { fileinto "body-money"; }
