# How duplicate and related actions combine (RFC 5228 §2.10.3, RFC 5232 §5)
require ["fileinto", "imap4flags", "copy"];
fileinto :flags "a" "X";
fileinto :flags "b" "X";
keep :flags "k1";
keep :flags "k2";
redirect "a@example.com";
redirect "A@EXAMPLE.com";
redirect "a@Example.COM";
addflag "\\Seen";
fileinto "Y";
removeflag "\\Seen";
fileinto :copy "Z";
addflag "p q";
addflag "Q";
fileinto "W";
