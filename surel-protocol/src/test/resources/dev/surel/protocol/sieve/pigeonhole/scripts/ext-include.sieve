require ["include", "variables", "fileinto"];
global ["folder", "n"];
include :global "spam";
include :personal "lists";
include :once "count";
include :once "count";
include :optional "does-not-exist";
fileinto "${folder}-${n}";
