package org.reportviewer.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.reportviewer.server.ServerTls;

/**
 * A throwaway CA and a server certificate for {@code localhost} / {@code 127.0.0.1}, made at test
 * time and written as PEM files, so no private key is ever committed.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** The PEM files of one CA and the server certificate it signed. */
    public record Pem(Path caCert, Path serverCert, Path serverKey) {
        /** The server side of it, as {@code serve --tls-cert/--tls-key} would load it. */
        public ServerTls serverTls() {
            return new ServerTls(serverCert, serverKey);
        }
    }

    private TestCertificates() {}

    /** Writes {@code ca.pem}, {@code server.pem} and {@code server.key} (PKCS#8) into {@code dir}. */
    public static Pem create(Path dir, String caName) throws IOException {
        try {
            KeyPair caKeys = ecKeys();
            X500Name caSubject = new X500Name("CN=" + caName);
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caSubject, serial(), notBefore(), notAfter(),
                    caSubject, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKeys.getPrivate());

            KeyPair serverKeys = ecKeys();
            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caSubject, serial(), notBefore(),
                    notAfter(), new X500Name("CN=localhost"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate serverCert = sign(server, caKeys.getPrivate());

            Files.createDirectories(dir);
            Path caPem = write(dir.resolve("ca.pem"), pem("CERTIFICATE", caCert.getEncoded()));
            Path serverPem = write(dir.resolve("server.pem"), pem("CERTIFICATE", serverCert.getEncoded()));
            // Java encodes private keys as PKCS#8, the form Netty reads.
            Path keyPem = write(dir.resolve("server.key"), pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
            return new Pem(caPem, serverPem, keyPem);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not make test certificates", e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
