package dev.surel.smtp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) for tests; no channel binding. */
public final class ScramClient {
    private final String user;
    private final String password;
    private final String nonce = "testnonce" + System.nanoTime();
    private String clientFirstBare;
    private byte[] serverSignature;

    public ScramClient(String user, String password) {
        this.user = user;
        this.password = password;
    }

    public String clientFirst() {
        clientFirstBare = "n=" + user + ",r=" + nonce;
        return "n,," + clientFirstBare;
    }

    public String clientFinal(String serverFirst) throws Exception {
        Map<String, String> a = attrs(serverFirst);
        String r = a.get("r");
        if (!r.startsWith(nonce)) throw new IllegalStateException("server nonce does not extend ours");
        byte[] salt = Base64.getDecoder().decode(a.get("s"));
        int i = Integer.parseInt(a.get("i"));
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, i, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String withoutProof = "c=biws,r=" + r;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] sig = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int k = 0; k < proof.length; k++) proof[k] = (byte) (clientKey[k] ^ sig[k]);
        serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    public boolean verifyServerFinal(String serverFinal) {
        return MessageDigest.isEqual(Base64.getDecoder().decode(attrs(serverFinal).get("v")), serverSignature);
    }

    private static Map<String, String> attrs(String msg) {
        Map<String, String> m = new HashMap<>();
        for (String p : msg.split(",")) if (p.length() > 1 && p.charAt(1) == '=') m.put(p.substring(0, 1), p.substring(2));
        return m;
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
