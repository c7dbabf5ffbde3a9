package dev.hourglass.interop;

import java.util.LinkedHashMap;

/** A Python {@code collections.OrderedDict} as unpickled: the map a state_dict is. */
final class StateDictMap extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;
}
