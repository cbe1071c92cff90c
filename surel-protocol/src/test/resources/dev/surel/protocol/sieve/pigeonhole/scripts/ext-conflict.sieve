require ["fileinto", "reject"];
fileinto "first";
if header :contains "subject" "cyrus" {
  reject "conflicts with fileinto";
}
