package io.jenkins.plugins.integrity.drift;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Script-security signatures ({@code method CLASS NAME ARGS}, {@code staticMethod ...}, {@code new ...},
 * {@code field ...}, {@code staticField ...}) whose approval lets a sandboxed Pipeline escape the sandbox:
 * process execution, the file system, reflection and class loading, evaluating new code, and the Jenkins object
 * model itself (from which every secret and every job is reachable). Curated after script-security's own list of
 * dangerous signatures and the escapes its advisories describe.
 */
public final class DangerousSignatures {
    private static final List<Pattern> DANGEROUS = List.of(
            // processes and the JVM
            p("(method|staticMethod|new) java\\.lang\\.(Runtime|ProcessBuilder|Process)\\b.*"),
            p("staticMethod org\\.codehaus\\.groovy\\.runtime\\.(DefaultGroovyMethods|ProcessGroovyMethods) execute\\b.*"),
            p("staticMethod java\\.lang\\.System (exit|setProperty|getenv|setSecurityManager|load|loadLibrary)\\b.*"),
            // files and the network, outside the workspace steps
            p("(method|staticMethod|new) java\\.io\\.(File|FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile)\\b.*"),
            p("(method|staticMethod|new) java\\.nio\\.file\\..*"),
            p("staticMethod org\\.codehaus\\.groovy\\.runtime\\.(DefaultGroovyMethods|ResourceGroovyMethods|IOGroovyMethods) (getText|newReader|newInputStream|withReader|eachLine|readLines|getBytes|write|append|withWriter|newWriter|leftShift) java\\.(io\\.File|net\\.URL)\\b.*"),
            p("(method|new) java\\.net\\.(URL|Socket|ServerSocket|URLClassLoader)\\b.*"),
            // reflection, class loading, metaprogramming, new code
            p("(method|staticMethod) java\\.lang\\.Class (forName|newInstance|getDeclared\\w*|getMethod|getField|getClassLoader)\\b.*"),
            p("(method|staticMethod|new) java\\.lang\\.reflect\\..*"),
            p("(method|staticMethod|new) java\\.lang\\.(ClassLoader|Thread|invoke\\.\\w+)\\b.*"),
            p("method groovy\\.lang\\.(GroovyObject|MetaObjectProtocol|MetaClass) (invokeMethod|getProperty|setProperty|getMetaClass|setMetaClass|getAttribute|setAttribute)\\b.*"),
            p("(method|staticMethod|new) groovy\\.lang\\.(GroovyShell|GroovyClassLoader|Script|MetaClassImpl|ExpandoMetaClass)\\b.*"),
            p("staticMethod org\\.codehaus\\.groovy\\.runtime\\.(DefaultGroovyMethods|InvokerHelper) (getMetaClass|setMetaClass|invokeMethod|getProperties|metaClass)\\b.*"),
            p("staticMethod org\\.codehaus\\.groovy\\.runtime\\.(ScriptBytecodeAdapter|InvokerHelper) .*"),
            // the Jenkins object model: every job, node, credential and secret
            p("(method|staticMethod|staticField|field) (jenkins\\.model\\.Jenkins|hudson\\.model\\.Hudson)\\b.*"),
            p("method org\\.jenkinsci\\.plugins\\.workflow\\.support\\.steps\\.build\\.RunWrapper getRawBuild\\b.*"),
            p("(method|staticMethod) (hudson\\.util\\.Secret|com\\.cloudbees\\.plugins\\.credentials\\.\\S+|hudson\\.model\\.(Item|ItemGroup|Run|Job|AbstractItem|Computer|Node|User)) .*"),
            p("(method|staticMethod) (jenkins|hudson)\\.security\\..*"));

    private DangerousSignatures() {}

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    /** Whether approving this signature lets sandboxed scripts escape the sandbox. */
    public static boolean isDangerous(String signature) {
        String s = signature.strip().replaceAll("\\s+", " ");
        return DANGEROUS.stream().anyMatch(d -> d.matcher(s).matches());
    }
}
