package dev.rampart.waf.detect.html;

import java.util.Set;

/**
 * Event-handler content attributes. In a tag the input opened any {@code on…} attribute counts
 * (browsers keep adding events); where the input only breaks out of an attribute value into the
 * application's tag, the name must be a real handler, so that text like {@code online=yes} or
 * {@code once=1} is not mistaken for one.
 */
public final class EventHandlers {

    private static final Set<String> KNOWN = Set.of(
            "onabort", "onactivate", "onafterprint", "onafterscriptexecute", "onanimationcancel",
            "onanimationend", "onanimationiteration", "onanimationstart", "onauxclick", "onbeforeactivate",
            "onbeforecopy", "onbeforecut", "onbeforedeactivate", "onbeforeinput", "onbeforematch",
            "onbeforepaste", "onbeforeprint", "onbeforescriptexecute", "onbeforetoggle", "onbeforeunload",
            "onbegin", "onblur", "onbounce", "oncancel", "oncanplay", "oncanplaythrough", "onchange", "onclick",
            "onclose", "oncontentvisibilityautostatechange", "oncontextlost", "oncontextmenu",
            "oncontextrestored", "oncopy", "oncuechange", "oncut", "ondblclick", "ondeactivate", "ondrag",
            "ondragend", "ondragenter", "ondragexit", "ondragleave", "ondragover", "ondragstart", "ondrop",
            "ondurationchange", "onemptied", "onend", "onended", "onerror", "onfinish", "onfocus", "onfocusin",
            "onfocusout", "onformdata", "onfullscreenchange", "onhashchange", "onhelp", "oninput", "oninvalid",
            "onkeydown", "onkeypress", "onkeyup", "onload", "onloadeddata", "onloadedmetadata", "onloadend",
            "onloadstart", "onmessage", "onmousedown", "onmouseenter", "onmouseleave", "onmousemove",
            "onmouseout", "onmouseover", "onmouseup", "onmousewheel", "onmove", "onoffline", "ononline",
            "onpagehide", "onpagereveal", "onpageshow", "onpageswap", "onpaste", "onpause", "onplay",
            "onplaying", "onpointercancel", "onpointerdown", "onpointerenter", "onpointerleave",
            "onpointermove", "onpointerout", "onpointerover", "onpointerrawupdate", "onpointerup",
            "onpopstate", "onprogress", "onpropertychange", "onratechange", "onreadystatechange", "onrepeat",
            "onreset", "onresize", "onscroll", "onscrollend", "onscrollsnapchange", "onscrollsnapchanging",
            "onsearch", "onsecuritypolicyviolation", "onseeked", "onseeking", "onselect", "onselectionchange",
            "onselectstart", "onshow", "onslotchange", "onstalled", "onstart", "onstorage", "onsubmit",
            "onsuspend", "ontimeupdate", "ontoggle", "ontouchcancel", "ontouchend", "ontouchmove",
            "ontouchstart", "ontransitioncancel", "ontransitionend", "ontransitionrun", "ontransitionstart",
            "onunload", "onvolumechange", "onwaiting", "onwebkitanimationend", "onwebkitanimationiteration",
            "onwebkitanimationstart", "onwebkittransitionend", "onwheel", "onfilterchange", "onlosecapture",
            "onrowenter", "onrowexit", "onstop", "ondataavailable", "ondatasetchanged", "onerrorupdate");

    private EventHandlers() {
    }

    /** Whether {@code name} (lower case) is a handler; {@code strict} asks for a known one. */
    public static boolean isHandler(String name, boolean strict) {
        if (strict) {
            return KNOWN.contains(name);
        }
        if (name.length() < 5 || !name.startsWith("on")) {
            return false;
        }
        for (int i = 2; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c < 'a' || c > 'z') && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** How a fingerprint names the handler: its name when known, else {@code on*}. */
    static String label(String name) {
        return KNOWN.contains(name) ? name : "on*";
    }
}
