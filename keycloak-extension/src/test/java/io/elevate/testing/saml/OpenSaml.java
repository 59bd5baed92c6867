package io.elevate.testing.saml;

import java.io.ByteArrayInputStream;
import net.shibboleth.utilities.java.support.component.ComponentInitializationException;
import net.shibboleth.utilities.java.support.xml.BasicParserPool;
import net.shibboleth.utilities.java.support.xml.ParserPool;
import net.shibboleth.utilities.java.support.xml.XMLParserException;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.InitializationService;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.Unmarshaller;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.w3c.dom.Element;

/** OpenSAML, initialised once, and unmarshalling of SAML XML with its hardened parser (no DTDs, no external entities). */
final class OpenSaml {

    private static ParserPool parserPool;

    private OpenSaml() {
    }

    /** Parses {@code xml} and unmarshals it into an OpenSAML object of {@code type}, keeping the DOM for signature checks. */
    static <T extends XMLObject> T unmarshal(byte[] xml, Class<T> type) {
        try {
            ParserPool parser = parserPool();
            Element root = parser.parse(new ByteArrayInputStream(xml)).getDocumentElement();
            Unmarshaller unmarshaller = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(root);
            if (unmarshaller == null) {
                throw new IllegalArgumentException("Not a SAML element: {" + root.getNamespaceURI() + "}" + root.getLocalName());
            }
            XMLObject object = unmarshaller.unmarshall(root);
            if (!type.isInstance(object)) {
                throw new IllegalArgumentException("Expected a SAML " + type.getSimpleName() + " but got " + object.getElementQName());
            }
            return type.cast(object);
        } catch (XMLParserException | UnmarshallingException e) {
            throw new IllegalArgumentException("Malformed SAML " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The shared parser pool, initialising OpenSAML (and its unmarshaller registry) on first use. */
    private static synchronized ParserPool parserPool() {
        if (parserPool == null) {
            try {
                InitializationService.initialize();
                BasicParserPool pool = new BasicParserPool();
                pool.initialize();
                parserPool = pool;
            } catch (InitializationException | ComponentInitializationException e) {
                throw new IllegalStateException("Could not initialise OpenSAML", e);
            }
        }
        return parserPool;
    }
}
