require ["fileinto"];

if header :contains "subject" "x" { addflag "y"; }
