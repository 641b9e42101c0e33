package dev.vigil.ingest.onvif.soap;

/** The XML namespaces of SOAP 1.2, WS-* and ONVIF that Vigil reads and writes. */
public final class OnvifNamespaces {
    private OnvifNamespaces() {}

    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    public static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public static final String PASSWORD_DIGEST =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    public static final String BASE64_BINARY =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    /** WS-Addressing 1.0, as ONVIF events use it. */
    public static final String WSA = "http://www.w3.org/2005/08/addressing";
    /** WS-Addressing 2004/08, as WS-Discovery 2005/04 uses it. */
    public static final String WSA_2004 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String WSDD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    public static final String WSNT = "http://docs.oasis-open.org/wsn/b-2";
    public static final String TT = "http://www.onvif.org/ver10/schema";
    public static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    public static final String TRT = "http://www.onvif.org/ver10/media/wsdl";
    public static final String TR2 = "http://www.onvif.org/ver20/media/wsdl";
    public static final String TEV = "http://www.onvif.org/ver10/events/wsdl";
    public static final String TER = "http://www.onvif.org/ver10/error";
    public static final String TNS1 = "http://www.onvif.org/ver10/topics";
    public static final String DN = "http://www.onvif.org/ver10/network/wsdl";
}
