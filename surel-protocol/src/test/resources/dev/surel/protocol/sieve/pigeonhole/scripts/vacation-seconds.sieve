require ["vacation-seconds", "fileinto"];
if header :contains "subject" "numbers" {
    vacation :seconds 3600 :subject "Back in an hour" "Back soon";
} else {
    vacation :days 2 :from "Me <me@example.com>" "Away for two days";
}
