# RFC 5230 §9: :mime, :from, :handle
require "vacation";
vacation :days 7 :from "hemingway@example.com" :handle "fishing" :mime text:
Content-Type: text/plain; charset=utf-8

Gone fishing.
.
;
