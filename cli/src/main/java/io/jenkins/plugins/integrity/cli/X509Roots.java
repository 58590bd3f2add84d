package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/** Checks that a file given as X.509 roots holds PEM or DER certificates, so that a wrong file is an error. */
final class X509Roots {
    private X509Roots() {}

    static int read(Path file) {
        byte[] bytes = InputFiles.readBytes(file, 16L << 20, "a certificate file");
        try {
            int n = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)).size();
            if (n == 0) {
                throw new InvalidInputException(file.toString(), "holds no certificate");
            }
            return n;
        } catch (CertificateException e) {
            throw new InvalidInputException(file.toString(), "not X.509 certificates (PEM or DER)");
        }
    }
}
