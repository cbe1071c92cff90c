require ["fileinto",
         "x-nonsense"];
keep;
