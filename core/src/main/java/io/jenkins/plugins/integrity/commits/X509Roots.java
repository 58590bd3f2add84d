package io.jenkins.plugins.integrity.commits;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Trusted X.509 root certificates (PEM or DER, several to a file) for CMS commit signatures. */
public final class X509Roots {
    private final List<X509Certificate> roots;

    private X509Roots(List<X509Certificate> roots) {
        this.roots = List.copyOf(roots);
    }

    public static X509Roots none() {
        return new X509Roots(List.of());
    }

    public static X509Roots read(byte[] content, String name) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(content))) {
                certs.add((X509Certificate) c);
            }
        } catch (CertificateException | RuntimeException e) {
            throw new InvalidInputException(name, "not X.509 certificates (PEM or DER)");
        }
        if (certs.isEmpty()) {
            throw new InvalidInputException(name, "holds no certificate");
        }
        return new X509Roots(certs);
    }

    public X509Roots and(X509Roots more) {
        List<X509Certificate> all = new ArrayList<>(roots);
        all.addAll(more.roots);
        return new X509Roots(all);
    }

    public int size() {
        return roots.size();
    }

    List<X509Certificate> certificates() {
        return roots;
    }
}
