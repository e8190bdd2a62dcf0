/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Number = $util.global.Number, $isFinite = $util.global.isFinite, $Boolean = $util.global.Boolean, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const fedlora = $root.fedlora = (() => {

    /**
     * Namespace fedlora.
     * @exports fedlora
     * @namespace
     */
    const fedlora = {};

    fedlora.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof fedlora
         * @namespace
         */
        const v1 = {};

        /**
         * DType enum.
         * @name fedlora.v1.DType
         * @enum {number}
         * @property {number} DTYPE_UNSPECIFIED=0 DTYPE_UNSPECIFIED value
         * @property {number} FLOAT32=1 FLOAT32 value
         * @property {number} FLOAT16=2 FLOAT16 value
         * @property {number} BFLOAT16=3 BFLOAT16 value
         * @property {number} INT8=4 INT8 value
         */
        v1.DType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DTYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "FLOAT32"] = 1;
            values[valuesById[2] = "FLOAT16"] = 2;
            values[valuesById[3] = "BFLOAT16"] = 3;
            values[valuesById[4] = "INT8"] = 4;
            return values;
        })();

        v1.Tensor = (function() {

            /**
             * Properties of a Tensor.
             * @typedef {Object} fedlora.v1.Tensor.$Properties
             * @property {string|null} [name] Tensor name
             * @property {Array.<number>|null} [shape] Tensor shape
             * @property {fedlora.v1.DType|null} [dtype] Tensor dtype
             * @property {Uint8Array|null} [alignment] Tensor alignment
             * @property {Uint8Array|null} [data] Tensor data
             * @property {Array.<number>|null} [scales] Tensor scales
             * @property {number|null} [scaleAxis] Tensor scaleAxis
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Tensor.
             * @memberof fedlora.v1
             * @interface ITensor
             * @augments fedlora.v1.Tensor.$Properties
             * @deprecated Use fedlora.v1.Tensor.$Properties instead.
             */

            /**
             * Shape of a Tensor.
             * @typedef {fedlora.v1.Tensor.$Properties} fedlora.v1.Tensor.$Shape
             */

            /**
             * Constructs a new Tensor.
             * @memberof fedlora.v1
             * @classdesc Represents a Tensor.
             * @constructor
             * @param {fedlora.v1.Tensor.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Tensor = function (p) {
                this.shape = [];
                this.scales = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Tensor name.
             * @member {string} name
             * @memberof fedlora.v1.Tensor
             * @instance
             */
            Tensor.prototype.name = "";

            /**
             * Tensor shape.
             * @member {Array.<number>} shape
             * @memberof fedlora.v1.Tensor
             * @instance
             */
            Tensor.prototype.shape = $util.emptyArray;

            /**
             * Tensor dtype.
             * @member {fedlora.v1.DType} dtype
             * @memberof fedlora.v1.Tensor
             * @instance
             */
            Tensor.prototype.dtype = 0;

            /**
             * Tensor alignment.
             * @member {Uint8Array} alignment
             * @memberof fedlora.v1.Tensor
             * @instance
             */
            Tensor.prototype.alignment = $util.newBuffer([]);

            /**
             * Tensor data.
             * @member {Uint8Array} data
             * @memberof fedlora.v1.Tensor
             * @instance
             */
            Tensor.prototype.data = $util.newBuffer([]);

            /**
             * Tensor scales.
             * @member {Array.<number>} scales
             * @memberof fedlora.v1.Tensor
             * @instance
             */
            Tensor.prototype.scales = $util.emptyArray;

            /**
             * Tensor scaleAxis.
             * @member {number|null|undefined} scaleAxis
             * @memberof fedlora.v1.Tensor
             * @instance
             */
            Tensor.prototype.scaleAxis = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Tensor.prototype, "_scaleAxis", {
                get: $util.oneOfGetter($oneOfFields = ["scaleAxis"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Tensor instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.Tensor
             * @static
             * @param {fedlora.v1.Tensor.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.Tensor} Tensor instance
             * @type {{
             *   (properties: fedlora.v1.Tensor.$Shape): fedlora.v1.Tensor & fedlora.v1.Tensor.$Shape;
             *   (properties?: fedlora.v1.Tensor.$Properties): fedlora.v1.Tensor;
             * }}
             */
            Tensor.create = function(properties) {
                return new Tensor(properties);
            };

            /**
             * Encodes the specified Tensor message. Does not implicitly {@link fedlora.v1.Tensor.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.Tensor
             * @static
             * @param {fedlora.v1.Tensor.$Properties} m Tensor message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Tensor.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.shape != null && m.shape.length) {
                    w.uint32(/* id 2, wireType 2 =*/18).uint32s(m.shape);
                }
                if (m.dtype != null && $Object.hasOwnProperty.call(m, "dtype") && m.dtype !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).int32(m.dtype);
                if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                    w.uint32(/* id 4, wireType 2 =*/34).bytes(m.data);
                if (m.scales != null && m.scales.length) {
                    w.uint32(/* id 5, wireType 2 =*/42).floats(m.scales);
                }
                if (m.scaleAxis != null && $Object.hasOwnProperty.call(m, "scaleAxis"))
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.scaleAxis);
                if (m.alignment != null && $Object.hasOwnProperty.call(m, "alignment") && m.alignment.length)
                    w.uint32(/* id 15, wireType 2 =*/122).bytes(m.alignment);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Tensor message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.Tensor
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.Tensor & fedlora.v1.Tensor.$Shape} Tensor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Tensor.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.Tensor();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u === 2) {
                                if (!(m.shape && m.shape.length))
                                    m.shape = [];
                                r.uint32s(m.shape);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.shape && m.shape.length))
                                m.shape = [];
                            m.shape.push(r.uint32());
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.dtype = v;
                            else
                                delete m.dtype;
                            continue;
                        }
                    case 15: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.alignment = v;
                            else
                                delete m.alignment;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.data = v;
                            else
                                delete m.data;
                            continue;
                        }
                    case 5: {
                            if (u === 2) {
                                if (!(m.scales && m.scales.length))
                                    m.scales = [];
                                r.floats(m.scales);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.scales && m.scales.length))
                                m.scales = [];
                            m.scales.push(r.float());
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            m.scaleAxis = r.uint32();
                            m._scaleAxis = "scaleAxis";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Tensor message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.Tensor
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.Tensor} Tensor
             */
            Tensor.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.Tensor)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.Tensor: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.Tensor();
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.shape) {
                    if (!$Array.isArray(d.shape))
                        throw $TypeError(".fedlora.v1.Tensor.shape: array expected");
                    m.shape = $Array(d.shape.length);
                    for (var i = 0; i < d.shape.length; ++i) {
                        m.shape[i] = d.shape[i] >>> 0;
                    }
                }
                if (d.dtype !== 0 && (typeof d.dtype !== "string" || $root.fedlora.v1.DType[d.dtype] !== 0)) {
                    switch (d.dtype) {
                    case "DTYPE_UNSPECIFIED":
                    case 0:
                        m.dtype = 0;
                        break;
                    case "FLOAT32":
                    case 1:
                        m.dtype = 1;
                        break;
                    case "FLOAT16":
                    case 2:
                        m.dtype = 2;
                        break;
                    case "BFLOAT16":
                    case 3:
                        m.dtype = 3;
                        break;
                    case "INT8":
                    case 4:
                        m.dtype = 4;
                        break;
                    default:
                        if (typeof d.dtype === "number" && (d.dtype | 0) === d.dtype)
                            m.dtype = d.dtype;
                    }
                }
                if (d.alignment != null) {
                    if (d.alignment.length) {
                        if (typeof d.alignment === "string")
                            $util.base64.decode(d.alignment, m.alignment = $util.newBuffer($util.base64.length(d.alignment)), 0);
                        else if (d.alignment.length >= 0)
                            m.alignment = d.alignment;
                    }
                }
                if (d.data != null) {
                    if (d.data.length) {
                        if (typeof d.data === "string")
                            $util.base64.decode(d.data, m.data = $util.newBuffer($util.base64.length(d.data)), 0);
                        else if (d.data.length >= 0)
                            m.data = d.data;
                    }
                }
                if (d.scales) {
                    if (!$Array.isArray(d.scales))
                        throw $TypeError(".fedlora.v1.Tensor.scales: array expected");
                    m.scales = $Array(d.scales.length);
                    for (var i = 0; i < d.scales.length; ++i) {
                        m.scales[i] = $Number(d.scales[i]);
                    }
                }
                if (d.scaleAxis != null) {
                    m.scaleAxis = d.scaleAxis >>> 0;
                }
                return m;
            };

            /**
             * Creates a plain object from a Tensor message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.Tensor
             * @static
             * @param {fedlora.v1.Tensor} m Tensor
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Tensor.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.shape = [];
                    d.scales = [];
                }
                if (o.defaults) {
                    d.name = "";
                    d.dtype = o.enums === $String ? "DTYPE_UNSPECIFIED" : 0;
                    if (o.bytes === $String)
                        d.data = "";
                    else {
                        d.data = [];
                        if (o.bytes !== $Array)
                            d.data = $util.newBuffer(d.data);
                    }
                    if (o.bytes === $String)
                        d.alignment = "";
                    else {
                        d.alignment = [];
                        if (o.bytes !== $Array)
                            d.alignment = $util.newBuffer(d.alignment);
                    }
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.shape && m.shape.length) {
                    d.shape = $Array(m.shape.length);
                    for (var j = 0; j < m.shape.length; ++j) {
                        d.shape[j] = m.shape[j];
                    }
                }
                if (m.dtype != null && $Object.hasOwnProperty.call(m, "dtype")) {
                    d.dtype = o.enums === $String ? $root.fedlora.v1.DType[m.dtype] === $undefined ? m.dtype : $root.fedlora.v1.DType[m.dtype] : m.dtype;
                }
                if (m.data != null && $Object.hasOwnProperty.call(m, "data")) {
                    d.data = o.bytes === $String ? $util.base64.encode(m.data, 0, m.data.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.data) : m.data;
                }
                if (m.scales && m.scales.length) {
                    d.scales = $Array(m.scales.length);
                    for (var j = 0; j < m.scales.length; ++j) {
                        d.scales[j] = o.json && !$isFinite(m.scales[j]) ? $String(m.scales[j]) : m.scales[j];
                    }
                }
                if (m.scaleAxis != null && $Object.hasOwnProperty.call(m, "scaleAxis")) {
                    d.scaleAxis = m.scaleAxis;
                }
                if (m.alignment != null && $Object.hasOwnProperty.call(m, "alignment")) {
                    d.alignment = o.bytes === $String ? $util.base64.encode(m.alignment, 0, m.alignment.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.alignment) : m.alignment;
                }
                return d;
            };

            /**
             * Converts this Tensor to JSON.
             * @function toJSON
             * @memberof fedlora.v1.Tensor
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Tensor.prototype.toJSON = function() {
                return Tensor.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Tensor
             * @function getTypeUrl
             * @memberof fedlora.v1.Tensor
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Tensor.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.Tensor";
            };

            return Tensor;
        })();

        /**
         * UpdateEncoding enum.
         * @name fedlora.v1.UpdateEncoding
         * @enum {number}
         * @property {number} UPDATE_FP32=0 UPDATE_FP32 value
         * @property {number} UPDATE_FP16=1 UPDATE_FP16 value
         * @property {number} UPDATE_BF16=2 UPDATE_BF16 value
         * @property {number} UPDATE_INT8=3 UPDATE_INT8 value
         */
        v1.UpdateEncoding = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "UPDATE_FP32"] = 0;
            values[valuesById[1] = "UPDATE_FP16"] = 1;
            values[valuesById[2] = "UPDATE_BF16"] = 2;
            values[valuesById[3] = "UPDATE_INT8"] = 3;
            return values;
        })();

        v1.Adapter = (function() {

            /**
             * Properties of an Adapter.
             * @typedef {Object} fedlora.v1.Adapter.$Properties
             * @property {Array.<fedlora.v1.Tensor.$Properties>|null} [tensors] Adapter tensors
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Adapter.
             * @memberof fedlora.v1
             * @interface IAdapter
             * @augments fedlora.v1.Adapter.$Properties
             * @deprecated Use fedlora.v1.Adapter.$Properties instead.
             */

            /**
             * Shape of an Adapter.
             * @typedef {fedlora.v1.Adapter.$Properties} fedlora.v1.Adapter.$Shape
             */

            /**
             * Constructs a new Adapter.
             * @memberof fedlora.v1
             * @classdesc Represents an Adapter.
             * @constructor
             * @param {fedlora.v1.Adapter.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Adapter = function (p) {
                this.tensors = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Adapter tensors.
             * @member {Array.<fedlora.v1.Tensor.$Properties>} tensors
             * @memberof fedlora.v1.Adapter
             * @instance
             */
            Adapter.prototype.tensors = $util.emptyArray;

            /**
             * Creates a new Adapter instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.Adapter
             * @static
             * @param {fedlora.v1.Adapter.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.Adapter} Adapter instance
             * @type {{
             *   (properties: fedlora.v1.Adapter.$Shape): fedlora.v1.Adapter & fedlora.v1.Adapter.$Shape;
             *   (properties?: fedlora.v1.Adapter.$Properties): fedlora.v1.Adapter;
             * }}
             */
            Adapter.create = function(properties) {
                return new Adapter(properties);
            };

            /**
             * Encodes the specified Adapter message. Does not implicitly {@link fedlora.v1.Adapter.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.Adapter
             * @static
             * @param {fedlora.v1.Adapter.$Properties} m Adapter message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Adapter.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.tensors != null && m.tensors.length) {
                    for (var i = 0; i < m.tensors.length; ++i)
                        $root.fedlora.v1.Tensor.encode(m.tensors[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Adapter message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.Adapter
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.Adapter & fedlora.v1.Adapter.$Shape} Adapter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Adapter.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.Adapter();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.tensors && m.tensors.length))
                                m.tensors = [];
                            m.tensors.push($root.fedlora.v1.Tensor.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an Adapter message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.Adapter
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.Adapter} Adapter
             */
            Adapter.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.Adapter)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.Adapter: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.Adapter();
                if (d.tensors) {
                    if (!$Array.isArray(d.tensors))
                        throw $TypeError(".fedlora.v1.Adapter.tensors: array expected");
                    m.tensors = $Array(d.tensors.length);
                    for (var i = 0; i < d.tensors.length; ++i) {
                        if (!$util.isObject(d.tensors[i]))
                            throw $TypeError(".fedlora.v1.Adapter.tensors: object expected");
                        m.tensors[i] = $root.fedlora.v1.Tensor.fromObject(d.tensors[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an Adapter message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.Adapter
             * @static
             * @param {fedlora.v1.Adapter} m Adapter
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Adapter.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.tensors = [];
                }
                if (m.tensors && m.tensors.length) {
                    d.tensors = $Array(m.tensors.length);
                    for (var j = 0; j < m.tensors.length; ++j) {
                        d.tensors[j] = $root.fedlora.v1.Tensor.toObject(m.tensors[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this Adapter to JSON.
             * @function toJSON
             * @memberof fedlora.v1.Adapter
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Adapter.prototype.toJSON = function() {
                return Adapter.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Adapter
             * @function getTypeUrl
             * @memberof fedlora.v1.Adapter
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Adapter.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.Adapter";
            };

            return Adapter;
        })();

        v1.LoraSpec = (function() {

            /**
             * Properties of a LoraSpec.
             * @typedef {Object} fedlora.v1.LoraSpec.$Properties
             * @property {number|null} [r] LoraSpec r
             * @property {number|null} [alpha] LoraSpec alpha
             * @property {Array.<string>|null} [targetModules] LoraSpec targetModules
             * @property {number|null} [dropout] LoraSpec dropout
             * @property {boolean|null} [useRslora] LoraSpec useRslora
             * @property {boolean|null} [freezeA] LoraSpec freezeA
             * @property {Array.<string>|null} [modulesToSave] LoraSpec modulesToSave
             * @property {fedlora.v1.PeftSpec.$Properties|null} [peft] LoraSpec peft
             * @property {string|null} [bias] LoraSpec bias
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LoraSpec.
             * @memberof fedlora.v1
             * @interface ILoraSpec
             * @augments fedlora.v1.LoraSpec.$Properties
             * @deprecated Use fedlora.v1.LoraSpec.$Properties instead.
             */

            /**
             * Shape of a LoraSpec.
             * @typedef {fedlora.v1.LoraSpec.$Properties} fedlora.v1.LoraSpec.$Shape
             */

            /**
             * Constructs a new LoraSpec.
             * @memberof fedlora.v1
             * @classdesc Represents a LoraSpec.
             * @constructor
             * @param {fedlora.v1.LoraSpec.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LoraSpec = function (p) {
                this.targetModules = [];
                this.modulesToSave = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * LoraSpec r.
             * @member {number} r
             * @memberof fedlora.v1.LoraSpec
             * @instance
             */
            LoraSpec.prototype.r = 0;

            /**
             * LoraSpec alpha.
             * @member {number} alpha
             * @memberof fedlora.v1.LoraSpec
             * @instance
             */
            LoraSpec.prototype.alpha = 0;

            /**
             * LoraSpec targetModules.
             * @member {Array.<string>} targetModules
             * @memberof fedlora.v1.LoraSpec
             * @instance
             */
            LoraSpec.prototype.targetModules = $util.emptyArray;

            /**
             * LoraSpec dropout.
             * @member {number} dropout
             * @memberof fedlora.v1.LoraSpec
             * @instance
             */
            LoraSpec.prototype.dropout = 0;

            /**
             * LoraSpec useRslora.
             * @member {boolean} useRslora
             * @memberof fedlora.v1.LoraSpec
             * @instance
             */
            LoraSpec.prototype.useRslora = false;

            /**
             * LoraSpec freezeA.
             * @member {boolean} freezeA
             * @memberof fedlora.v1.LoraSpec
             * @instance
             */
            LoraSpec.prototype.freezeA = false;

            /**
             * LoraSpec modulesToSave.
             * @member {Array.<string>} modulesToSave
             * @memberof fedlora.v1.LoraSpec
             * @instance
             */
            LoraSpec.prototype.modulesToSave = $util.emptyArray;

            /**
             * LoraSpec peft.
             * @member {fedlora.v1.PeftSpec.$Properties|null|undefined} peft
             * @memberof fedlora.v1.LoraSpec
             * @instance
             */
            LoraSpec.prototype.peft = null;

            /**
             * LoraSpec bias.
             * @member {string} bias
             * @memberof fedlora.v1.LoraSpec
             * @instance
             */
            LoraSpec.prototype.bias = "";

            /**
             * Creates a new LoraSpec instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.LoraSpec
             * @static
             * @param {fedlora.v1.LoraSpec.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.LoraSpec} LoraSpec instance
             * @type {{
             *   (properties: fedlora.v1.LoraSpec.$Shape): fedlora.v1.LoraSpec & fedlora.v1.LoraSpec.$Shape;
             *   (properties?: fedlora.v1.LoraSpec.$Properties): fedlora.v1.LoraSpec;
             * }}
             */
            LoraSpec.create = function(properties) {
                return new LoraSpec(properties);
            };

            /**
             * Encodes the specified LoraSpec message. Does not implicitly {@link fedlora.v1.LoraSpec.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.LoraSpec
             * @static
             * @param {fedlora.v1.LoraSpec.$Properties} m LoraSpec message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LoraSpec.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.r != null && $Object.hasOwnProperty.call(m, "r") && m.r !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.r);
                if (m.alpha != null && $Object.hasOwnProperty.call(m, "alpha") && !$Object.is(m.alpha, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.alpha);
                if (m.targetModules != null && m.targetModules.length) {
                    for (var i = 0; i < m.targetModules.length; ++i)
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.targetModules[i]);
                }
                if (m.dropout != null && $Object.hasOwnProperty.call(m, "dropout") && !$Object.is(m.dropout, 0))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.dropout);
                if (m.useRslora != null && $Object.hasOwnProperty.call(m, "useRslora") && m.useRslora !== false)
                    w.uint32(/* id 5, wireType 0 =*/40).bool(m.useRslora);
                if (m.freezeA != null && $Object.hasOwnProperty.call(m, "freezeA") && m.freezeA !== false)
                    w.uint32(/* id 6, wireType 0 =*/48).bool(m.freezeA);
                if (m.modulesToSave != null && m.modulesToSave.length) {
                    for (var i = 0; i < m.modulesToSave.length; ++i)
                        w.uint32(/* id 7, wireType 2 =*/58).string(m.modulesToSave[i]);
                }
                if (m.peft != null && $Object.hasOwnProperty.call(m, "peft"))
                    $root.fedlora.v1.PeftSpec.encode(m.peft, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.bias != null && $Object.hasOwnProperty.call(m, "bias") && m.bias !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.bias);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a LoraSpec message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.LoraSpec
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.LoraSpec & fedlora.v1.LoraSpec.$Shape} LoraSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LoraSpec.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.LoraSpec();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.r = v;
                            else
                                delete m.r;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.alpha = v;
                            else
                                delete m.alpha;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.targetModules && m.targetModules.length))
                                m.targetModules = [];
                            m.targetModules.push(r.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.dropout = v;
                            else
                                delete m.dropout;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.useRslora = v;
                            else
                                delete m.useRslora;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.freezeA = v;
                            else
                                delete m.freezeA;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if (!(m.modulesToSave && m.modulesToSave.length))
                                m.modulesToSave = [];
                            m.modulesToSave.push(r.stringVerify());
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.peft = $root.fedlora.v1.PeftSpec.decode(r, r.size(), $undefined, q + 1, m.peft);
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.bias = v;
                            else
                                delete m.bias;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a LoraSpec message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.LoraSpec
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.LoraSpec} LoraSpec
             */
            LoraSpec.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.LoraSpec)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.LoraSpec: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.LoraSpec();
                if (d.r != null) {
                    if ($Number(d.r) !== 0) {
                        m.r = d.r >>> 0;
                    }
                }
                if (d.alpha != null) {
                    if (!$Object.is($Number(d.alpha), 0)) {
                        m.alpha = $Number(d.alpha);
                    }
                }
                if (d.targetModules) {
                    if (!$Array.isArray(d.targetModules))
                        throw $TypeError(".fedlora.v1.LoraSpec.targetModules: array expected");
                    m.targetModules = $Array(d.targetModules.length);
                    for (var i = 0; i < d.targetModules.length; ++i) {
                        m.targetModules[i] = $String(d.targetModules[i]);
                    }
                }
                if (d.dropout != null) {
                    if (!$Object.is($Number(d.dropout), 0)) {
                        m.dropout = $Number(d.dropout);
                    }
                }
                if (d.useRslora != null) {
                    if (d.useRslora) {
                        m.useRslora = $Boolean(d.useRslora);
                    }
                }
                if (d.freezeA != null) {
                    if (d.freezeA) {
                        m.freezeA = $Boolean(d.freezeA);
                    }
                }
                if (d.modulesToSave) {
                    if (!$Array.isArray(d.modulesToSave))
                        throw $TypeError(".fedlora.v1.LoraSpec.modulesToSave: array expected");
                    m.modulesToSave = $Array(d.modulesToSave.length);
                    for (var i = 0; i < d.modulesToSave.length; ++i) {
                        m.modulesToSave[i] = $String(d.modulesToSave[i]);
                    }
                }
                if (d.peft != null) {
                    if (!$util.isObject(d.peft))
                        throw $TypeError(".fedlora.v1.LoraSpec.peft: object expected");
                    m.peft = $root.fedlora.v1.PeftSpec.fromObject(d.peft, q + 1);
                }
                if (d.bias != null) {
                    if (typeof d.bias !== "string" || d.bias.length) {
                        m.bias = $String(d.bias);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a LoraSpec message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.LoraSpec
             * @static
             * @param {fedlora.v1.LoraSpec} m LoraSpec
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            LoraSpec.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.targetModules = [];
                    d.modulesToSave = [];
                }
                if (o.defaults) {
                    d.r = 0;
                    d.alpha = 0;
                    d.dropout = 0;
                    d.useRslora = false;
                    d.freezeA = false;
                    d.peft = null;
                    d.bias = "";
                }
                if (m.r != null && $Object.hasOwnProperty.call(m, "r")) {
                    d.r = m.r;
                }
                if (m.alpha != null && $Object.hasOwnProperty.call(m, "alpha")) {
                    d.alpha = o.json && !$isFinite(m.alpha) ? $String(m.alpha) : m.alpha;
                }
                if (m.targetModules && m.targetModules.length) {
                    d.targetModules = $Array(m.targetModules.length);
                    for (var j = 0; j < m.targetModules.length; ++j) {
                        d.targetModules[j] = m.targetModules[j];
                    }
                }
                if (m.dropout != null && $Object.hasOwnProperty.call(m, "dropout")) {
                    d.dropout = o.json && !$isFinite(m.dropout) ? $String(m.dropout) : m.dropout;
                }
                if (m.useRslora != null && $Object.hasOwnProperty.call(m, "useRslora")) {
                    d.useRslora = m.useRslora;
                }
                if (m.freezeA != null && $Object.hasOwnProperty.call(m, "freezeA")) {
                    d.freezeA = m.freezeA;
                }
                if (m.modulesToSave && m.modulesToSave.length) {
                    d.modulesToSave = $Array(m.modulesToSave.length);
                    for (var j = 0; j < m.modulesToSave.length; ++j) {
                        d.modulesToSave[j] = m.modulesToSave[j];
                    }
                }
                if (m.peft != null && $Object.hasOwnProperty.call(m, "peft")) {
                    d.peft = $root.fedlora.v1.PeftSpec.toObject(m.peft, o, q + 1);
                }
                if (m.bias != null && $Object.hasOwnProperty.call(m, "bias")) {
                    d.bias = m.bias;
                }
                return d;
            };

            /**
             * Converts this LoraSpec to JSON.
             * @function toJSON
             * @memberof fedlora.v1.LoraSpec
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            LoraSpec.prototype.toJSON = function() {
                return LoraSpec.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for LoraSpec
             * @function getTypeUrl
             * @memberof fedlora.v1.LoraSpec
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LoraSpec.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.LoraSpec";
            };

            return LoraSpec;
        })();

        v1.PeftSpec = (function() {

            /**
             * Properties of a PeftSpec.
             * @typedef {Object} fedlora.v1.PeftSpec.$Properties
             * @property {string|null} [method] PeftSpec method
             * @property {number|null} [numVirtualTokens] PeftSpec numVirtualTokens
             * @property {string|null} [promptTuningInit] PeftSpec promptTuningInit
             * @property {string|null} [promptTuningInitText] PeftSpec promptTuningInitText
             * @property {boolean|null} [prefixProjection] PeftSpec prefixProjection
             * @property {number|null} [encoderHiddenSize] PeftSpec encoderHiddenSize
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PeftSpec.
             * @memberof fedlora.v1
             * @interface IPeftSpec
             * @augments fedlora.v1.PeftSpec.$Properties
             * @deprecated Use fedlora.v1.PeftSpec.$Properties instead.
             */

            /**
             * Shape of a PeftSpec.
             * @typedef {fedlora.v1.PeftSpec.$Properties} fedlora.v1.PeftSpec.$Shape
             */

            /**
             * Constructs a new PeftSpec.
             * @memberof fedlora.v1
             * @classdesc Represents a PeftSpec.
             * @constructor
             * @param {fedlora.v1.PeftSpec.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PeftSpec = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * PeftSpec method.
             * @member {string} method
             * @memberof fedlora.v1.PeftSpec
             * @instance
             */
            PeftSpec.prototype.method = "";

            /**
             * PeftSpec numVirtualTokens.
             * @member {number} numVirtualTokens
             * @memberof fedlora.v1.PeftSpec
             * @instance
             */
            PeftSpec.prototype.numVirtualTokens = 0;

            /**
             * PeftSpec promptTuningInit.
             * @member {string} promptTuningInit
             * @memberof fedlora.v1.PeftSpec
             * @instance
             */
            PeftSpec.prototype.promptTuningInit = "";

            /**
             * PeftSpec promptTuningInitText.
             * @member {string} promptTuningInitText
             * @memberof fedlora.v1.PeftSpec
             * @instance
             */
            PeftSpec.prototype.promptTuningInitText = "";

            /**
             * PeftSpec prefixProjection.
             * @member {boolean} prefixProjection
             * @memberof fedlora.v1.PeftSpec
             * @instance
             */
            PeftSpec.prototype.prefixProjection = false;

            /**
             * PeftSpec encoderHiddenSize.
             * @member {number} encoderHiddenSize
             * @memberof fedlora.v1.PeftSpec
             * @instance
             */
            PeftSpec.prototype.encoderHiddenSize = 0;

            /**
             * Creates a new PeftSpec instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.PeftSpec
             * @static
             * @param {fedlora.v1.PeftSpec.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.PeftSpec} PeftSpec instance
             * @type {{
             *   (properties: fedlora.v1.PeftSpec.$Shape): fedlora.v1.PeftSpec & fedlora.v1.PeftSpec.$Shape;
             *   (properties?: fedlora.v1.PeftSpec.$Properties): fedlora.v1.PeftSpec;
             * }}
             */
            PeftSpec.create = function(properties) {
                return new PeftSpec(properties);
            };

            /**
             * Encodes the specified PeftSpec message. Does not implicitly {@link fedlora.v1.PeftSpec.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.PeftSpec
             * @static
             * @param {fedlora.v1.PeftSpec.$Properties} m PeftSpec message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PeftSpec.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.method != null && $Object.hasOwnProperty.call(m, "method") && m.method !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.method);
                if (m.numVirtualTokens != null && $Object.hasOwnProperty.call(m, "numVirtualTokens") && m.numVirtualTokens !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.numVirtualTokens);
                if (m.promptTuningInit != null && $Object.hasOwnProperty.call(m, "promptTuningInit") && m.promptTuningInit !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.promptTuningInit);
                if (m.prefixProjection != null && $Object.hasOwnProperty.call(m, "prefixProjection") && m.prefixProjection !== false)
                    w.uint32(/* id 4, wireType 0 =*/32).bool(m.prefixProjection);
                if (m.encoderHiddenSize != null && $Object.hasOwnProperty.call(m, "encoderHiddenSize") && m.encoderHiddenSize !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.encoderHiddenSize);
                if (m.promptTuningInitText != null && $Object.hasOwnProperty.call(m, "promptTuningInitText") && m.promptTuningInitText !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.promptTuningInitText);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a PeftSpec message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.PeftSpec
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.PeftSpec & fedlora.v1.PeftSpec.$Shape} PeftSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PeftSpec.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.PeftSpec();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.method = v;
                            else
                                delete m.method;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.numVirtualTokens = v;
                            else
                                delete m.numVirtualTokens;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.promptTuningInit = v;
                            else
                                delete m.promptTuningInit;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.promptTuningInitText = v;
                            else
                                delete m.promptTuningInitText;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.prefixProjection = v;
                            else
                                delete m.prefixProjection;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.encoderHiddenSize = v;
                            else
                                delete m.encoderHiddenSize;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a PeftSpec message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.PeftSpec
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.PeftSpec} PeftSpec
             */
            PeftSpec.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.PeftSpec)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.PeftSpec: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.PeftSpec();
                if (d.method != null) {
                    if (typeof d.method !== "string" || d.method.length) {
                        m.method = $String(d.method);
                    }
                }
                if (d.numVirtualTokens != null) {
                    if ($Number(d.numVirtualTokens) !== 0) {
                        m.numVirtualTokens = d.numVirtualTokens >>> 0;
                    }
                }
                if (d.promptTuningInit != null) {
                    if (typeof d.promptTuningInit !== "string" || d.promptTuningInit.length) {
                        m.promptTuningInit = $String(d.promptTuningInit);
                    }
                }
                if (d.promptTuningInitText != null) {
                    if (typeof d.promptTuningInitText !== "string" || d.promptTuningInitText.length) {
                        m.promptTuningInitText = $String(d.promptTuningInitText);
                    }
                }
                if (d.prefixProjection != null) {
                    if (d.prefixProjection) {
                        m.prefixProjection = $Boolean(d.prefixProjection);
                    }
                }
                if (d.encoderHiddenSize != null) {
                    if ($Number(d.encoderHiddenSize) !== 0) {
                        m.encoderHiddenSize = d.encoderHiddenSize >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a PeftSpec message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.PeftSpec
             * @static
             * @param {fedlora.v1.PeftSpec} m PeftSpec
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PeftSpec.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.method = "";
                    d.numVirtualTokens = 0;
                    d.promptTuningInit = "";
                    d.prefixProjection = false;
                    d.encoderHiddenSize = 0;
                    d.promptTuningInitText = "";
                }
                if (m.method != null && $Object.hasOwnProperty.call(m, "method")) {
                    d.method = m.method;
                }
                if (m.numVirtualTokens != null && $Object.hasOwnProperty.call(m, "numVirtualTokens")) {
                    d.numVirtualTokens = m.numVirtualTokens;
                }
                if (m.promptTuningInit != null && $Object.hasOwnProperty.call(m, "promptTuningInit")) {
                    d.promptTuningInit = m.promptTuningInit;
                }
                if (m.prefixProjection != null && $Object.hasOwnProperty.call(m, "prefixProjection")) {
                    d.prefixProjection = m.prefixProjection;
                }
                if (m.encoderHiddenSize != null && $Object.hasOwnProperty.call(m, "encoderHiddenSize")) {
                    d.encoderHiddenSize = m.encoderHiddenSize;
                }
                if (m.promptTuningInitText != null && $Object.hasOwnProperty.call(m, "promptTuningInitText")) {
                    d.promptTuningInitText = m.promptTuningInitText;
                }
                return d;
            };

            /**
             * Converts this PeftSpec to JSON.
             * @function toJSON
             * @memberof fedlora.v1.PeftSpec
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PeftSpec.prototype.toJSON = function() {
                return PeftSpec.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PeftSpec
             * @function getTypeUrl
             * @memberof fedlora.v1.PeftSpec
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PeftSpec.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.PeftSpec";
            };

            return PeftSpec;
        })();

        v1.TrainHyperParams = (function() {

            /**
             * Properties of a TrainHyperParams.
             * @typedef {Object} fedlora.v1.TrainHyperParams.$Properties
             * @property {number|null} [localSteps] TrainHyperParams localSteps
             * @property {number|null} [batchSize] TrainHyperParams batchSize
             * @property {number|null} [learningRate] TrainHyperParams learningRate
             * @property {number|null} [maxSeqLen] TrainHyperParams maxSeqLen
             * @property {number|null} [seed] TrainHyperParams seed
             * @property {boolean|null} [packing] TrainHyperParams packing
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TrainHyperParams.
             * @memberof fedlora.v1
             * @interface ITrainHyperParams
             * @augments fedlora.v1.TrainHyperParams.$Properties
             * @deprecated Use fedlora.v1.TrainHyperParams.$Properties instead.
             */

            /**
             * Shape of a TrainHyperParams.
             * @typedef {fedlora.v1.TrainHyperParams.$Properties} fedlora.v1.TrainHyperParams.$Shape
             */

            /**
             * Constructs a new TrainHyperParams.
             * @memberof fedlora.v1
             * @classdesc Represents a TrainHyperParams.
             * @constructor
             * @param {fedlora.v1.TrainHyperParams.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TrainHyperParams = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TrainHyperParams localSteps.
             * @member {number} localSteps
             * @memberof fedlora.v1.TrainHyperParams
             * @instance
             */
            TrainHyperParams.prototype.localSteps = 0;

            /**
             * TrainHyperParams batchSize.
             * @member {number} batchSize
             * @memberof fedlora.v1.TrainHyperParams
             * @instance
             */
            TrainHyperParams.prototype.batchSize = 0;

            /**
             * TrainHyperParams learningRate.
             * @member {number} learningRate
             * @memberof fedlora.v1.TrainHyperParams
             * @instance
             */
            TrainHyperParams.prototype.learningRate = 0;

            /**
             * TrainHyperParams maxSeqLen.
             * @member {number} maxSeqLen
             * @memberof fedlora.v1.TrainHyperParams
             * @instance
             */
            TrainHyperParams.prototype.maxSeqLen = 0;

            /**
             * TrainHyperParams seed.
             * @member {number} seed
             * @memberof fedlora.v1.TrainHyperParams
             * @instance
             */
            TrainHyperParams.prototype.seed = 0;

            /**
             * TrainHyperParams packing.
             * @member {boolean} packing
             * @memberof fedlora.v1.TrainHyperParams
             * @instance
             */
            TrainHyperParams.prototype.packing = false;

            /**
             * Creates a new TrainHyperParams instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.TrainHyperParams
             * @static
             * @param {fedlora.v1.TrainHyperParams.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.TrainHyperParams} TrainHyperParams instance
             * @type {{
             *   (properties: fedlora.v1.TrainHyperParams.$Shape): fedlora.v1.TrainHyperParams & fedlora.v1.TrainHyperParams.$Shape;
             *   (properties?: fedlora.v1.TrainHyperParams.$Properties): fedlora.v1.TrainHyperParams;
             * }}
             */
            TrainHyperParams.create = function(properties) {
                return new TrainHyperParams(properties);
            };

            /**
             * Encodes the specified TrainHyperParams message. Does not implicitly {@link fedlora.v1.TrainHyperParams.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.TrainHyperParams
             * @static
             * @param {fedlora.v1.TrainHyperParams.$Properties} m TrainHyperParams message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TrainHyperParams.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.localSteps != null && $Object.hasOwnProperty.call(m, "localSteps") && m.localSteps !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.localSteps);
                if (m.batchSize != null && $Object.hasOwnProperty.call(m, "batchSize") && m.batchSize !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.batchSize);
                if (m.learningRate != null && $Object.hasOwnProperty.call(m, "learningRate") && !$Object.is(m.learningRate, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.learningRate);
                if (m.maxSeqLen != null && $Object.hasOwnProperty.call(m, "maxSeqLen") && m.maxSeqLen !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.maxSeqLen);
                if (m.seed != null && $Object.hasOwnProperty.call(m, "seed") && m.seed !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.seed);
                if (m.packing != null && $Object.hasOwnProperty.call(m, "packing") && m.packing !== false)
                    w.uint32(/* id 7, wireType 0 =*/56).bool(m.packing);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a TrainHyperParams message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.TrainHyperParams
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.TrainHyperParams & fedlora.v1.TrainHyperParams.$Shape} TrainHyperParams
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TrainHyperParams.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.TrainHyperParams();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.localSteps = v;
                            else
                                delete m.localSteps;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.batchSize = v;
                            else
                                delete m.batchSize;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.learningRate = v;
                            else
                                delete m.learningRate;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.maxSeqLen = v;
                            else
                                delete m.maxSeqLen;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.seed = v;
                            else
                                delete m.seed;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.packing = v;
                            else
                                delete m.packing;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a TrainHyperParams message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.TrainHyperParams
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.TrainHyperParams} TrainHyperParams
             */
            TrainHyperParams.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.TrainHyperParams)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.TrainHyperParams: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.TrainHyperParams();
                if (d.localSteps != null) {
                    if ($Number(d.localSteps) !== 0) {
                        m.localSteps = d.localSteps >>> 0;
                    }
                }
                if (d.batchSize != null) {
                    if ($Number(d.batchSize) !== 0) {
                        m.batchSize = d.batchSize >>> 0;
                    }
                }
                if (d.learningRate != null) {
                    if (!$Object.is($Number(d.learningRate), 0)) {
                        m.learningRate = $Number(d.learningRate);
                    }
                }
                if (d.maxSeqLen != null) {
                    if ($Number(d.maxSeqLen) !== 0) {
                        m.maxSeqLen = d.maxSeqLen >>> 0;
                    }
                }
                if (d.seed != null) {
                    if ($Number(d.seed) !== 0) {
                        m.seed = d.seed >>> 0;
                    }
                }
                if (d.packing != null) {
                    if (d.packing) {
                        m.packing = $Boolean(d.packing);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a TrainHyperParams message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.TrainHyperParams
             * @static
             * @param {fedlora.v1.TrainHyperParams} m TrainHyperParams
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TrainHyperParams.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.localSteps = 0;
                    d.batchSize = 0;
                    d.learningRate = 0;
                    d.maxSeqLen = 0;
                    d.seed = 0;
                    d.packing = false;
                }
                if (m.localSteps != null && $Object.hasOwnProperty.call(m, "localSteps")) {
                    d.localSteps = m.localSteps;
                }
                if (m.batchSize != null && $Object.hasOwnProperty.call(m, "batchSize")) {
                    d.batchSize = m.batchSize;
                }
                if (m.learningRate != null && $Object.hasOwnProperty.call(m, "learningRate")) {
                    d.learningRate = o.json && !$isFinite(m.learningRate) ? $String(m.learningRate) : m.learningRate;
                }
                if (m.maxSeqLen != null && $Object.hasOwnProperty.call(m, "maxSeqLen")) {
                    d.maxSeqLen = m.maxSeqLen;
                }
                if (m.seed != null && $Object.hasOwnProperty.call(m, "seed")) {
                    d.seed = m.seed;
                }
                if (m.packing != null && $Object.hasOwnProperty.call(m, "packing")) {
                    d.packing = m.packing;
                }
                return d;
            };

            /**
             * Converts this TrainHyperParams to JSON.
             * @function toJSON
             * @memberof fedlora.v1.TrainHyperParams
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TrainHyperParams.prototype.toJSON = function() {
                return TrainHyperParams.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TrainHyperParams
             * @function getTypeUrl
             * @memberof fedlora.v1.TrainHyperParams
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TrainHyperParams.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.TrainHyperParams";
            };

            return TrainHyperParams;
        })();

        v1.ClientHello = (function() {

            /**
             * Properties of a ClientHello.
             * @typedef {Object} fedlora.v1.ClientHello.$Properties
             * @property {string|null} [clientId] ClientHello clientId
             * @property {string|null} [modelFingerprint] ClientHello modelFingerprint
             * @property {string|null} [backend] ClientHello backend
             * @property {number|null} [numTrainExamples] ClientHello numTrainExamples
             * @property {number|null} [numEvalExamples] ClientHello numEvalExamples
             * @property {string|null} [softwareVersion] ClientHello softwareVersion
             * @property {number|null} [loraRank] ClientHello loraRank
             * @property {string|null} [gpu] ClientHello gpu
             * @property {Array.<fedlora.v1.DataSet.$Properties>|null} [dataSets] ClientHello dataSets
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientHello.
             * @memberof fedlora.v1
             * @interface IClientHello
             * @augments fedlora.v1.ClientHello.$Properties
             * @deprecated Use fedlora.v1.ClientHello.$Properties instead.
             */

            /**
             * Shape of a ClientHello.
             * @typedef {fedlora.v1.ClientHello.$Properties} fedlora.v1.ClientHello.$Shape
             */

            /**
             * Constructs a new ClientHello.
             * @memberof fedlora.v1
             * @classdesc Represents a ClientHello.
             * @constructor
             * @param {fedlora.v1.ClientHello.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientHello = function (p) {
                this.dataSets = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ClientHello clientId.
             * @member {string} clientId
             * @memberof fedlora.v1.ClientHello
             * @instance
             */
            ClientHello.prototype.clientId = "";

            /**
             * ClientHello modelFingerprint.
             * @member {string} modelFingerprint
             * @memberof fedlora.v1.ClientHello
             * @instance
             */
            ClientHello.prototype.modelFingerprint = "";

            /**
             * ClientHello backend.
             * @member {string} backend
             * @memberof fedlora.v1.ClientHello
             * @instance
             */
            ClientHello.prototype.backend = "";

            /**
             * ClientHello numTrainExamples.
             * @member {number} numTrainExamples
             * @memberof fedlora.v1.ClientHello
             * @instance
             */
            ClientHello.prototype.numTrainExamples = 0;

            /**
             * ClientHello numEvalExamples.
             * @member {number} numEvalExamples
             * @memberof fedlora.v1.ClientHello
             * @instance
             */
            ClientHello.prototype.numEvalExamples = 0;

            /**
             * ClientHello softwareVersion.
             * @member {string} softwareVersion
             * @memberof fedlora.v1.ClientHello
             * @instance
             */
            ClientHello.prototype.softwareVersion = "";

            /**
             * ClientHello loraRank.
             * @member {number} loraRank
             * @memberof fedlora.v1.ClientHello
             * @instance
             */
            ClientHello.prototype.loraRank = 0;

            /**
             * ClientHello gpu.
             * @member {string} gpu
             * @memberof fedlora.v1.ClientHello
             * @instance
             */
            ClientHello.prototype.gpu = "";

            /**
             * ClientHello dataSets.
             * @member {Array.<fedlora.v1.DataSet.$Properties>} dataSets
             * @memberof fedlora.v1.ClientHello
             * @instance
             */
            ClientHello.prototype.dataSets = $util.emptyArray;

            /**
             * Creates a new ClientHello instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.ClientHello
             * @static
             * @param {fedlora.v1.ClientHello.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.ClientHello} ClientHello instance
             * @type {{
             *   (properties: fedlora.v1.ClientHello.$Shape): fedlora.v1.ClientHello & fedlora.v1.ClientHello.$Shape;
             *   (properties?: fedlora.v1.ClientHello.$Properties): fedlora.v1.ClientHello;
             * }}
             */
            ClientHello.create = function(properties) {
                return new ClientHello(properties);
            };

            /**
             * Encodes the specified ClientHello message. Does not implicitly {@link fedlora.v1.ClientHello.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.ClientHello
             * @static
             * @param {fedlora.v1.ClientHello.$Properties} m ClientHello message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientHello.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId") && m.clientId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.clientId);
                if (m.modelFingerprint != null && $Object.hasOwnProperty.call(m, "modelFingerprint") && m.modelFingerprint !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.modelFingerprint);
                if (m.backend != null && $Object.hasOwnProperty.call(m, "backend") && m.backend !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.backend);
                if (m.numTrainExamples != null && $Object.hasOwnProperty.call(m, "numTrainExamples") && m.numTrainExamples !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.numTrainExamples);
                if (m.numEvalExamples != null && $Object.hasOwnProperty.call(m, "numEvalExamples") && m.numEvalExamples !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.numEvalExamples);
                if (m.softwareVersion != null && $Object.hasOwnProperty.call(m, "softwareVersion") && m.softwareVersion !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.softwareVersion);
                if (m.loraRank != null && $Object.hasOwnProperty.call(m, "loraRank") && m.loraRank !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.loraRank);
                if (m.gpu != null && $Object.hasOwnProperty.call(m, "gpu") && m.gpu !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.gpu);
                if (m.dataSets != null && m.dataSets.length) {
                    for (var i = 0; i < m.dataSets.length; ++i)
                        $root.fedlora.v1.DataSet.encode(m.dataSets[i], w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ClientHello message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.ClientHello
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.ClientHello & fedlora.v1.ClientHello.$Shape} ClientHello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientHello.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.ClientHello();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.clientId = v;
                            else
                                delete m.clientId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.modelFingerprint = v;
                            else
                                delete m.modelFingerprint;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.backend = v;
                            else
                                delete m.backend;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.numTrainExamples = v;
                            else
                                delete m.numTrainExamples;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.numEvalExamples = v;
                            else
                                delete m.numEvalExamples;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.softwareVersion = v;
                            else
                                delete m.softwareVersion;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.loraRank = v;
                            else
                                delete m.loraRank;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.gpu = v;
                            else
                                delete m.gpu;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if (!(m.dataSets && m.dataSets.length))
                                m.dataSets = [];
                            m.dataSets.push($root.fedlora.v1.DataSet.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ClientHello message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.ClientHello
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.ClientHello} ClientHello
             */
            ClientHello.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.ClientHello)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.ClientHello: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.ClientHello();
                if (d.clientId != null) {
                    if (typeof d.clientId !== "string" || d.clientId.length) {
                        m.clientId = $String(d.clientId);
                    }
                }
                if (d.modelFingerprint != null) {
                    if (typeof d.modelFingerprint !== "string" || d.modelFingerprint.length) {
                        m.modelFingerprint = $String(d.modelFingerprint);
                    }
                }
                if (d.backend != null) {
                    if (typeof d.backend !== "string" || d.backend.length) {
                        m.backend = $String(d.backend);
                    }
                }
                if (d.numTrainExamples != null) {
                    if ($Number(d.numTrainExamples) !== 0) {
                        m.numTrainExamples = d.numTrainExamples >>> 0;
                    }
                }
                if (d.numEvalExamples != null) {
                    if ($Number(d.numEvalExamples) !== 0) {
                        m.numEvalExamples = d.numEvalExamples >>> 0;
                    }
                }
                if (d.softwareVersion != null) {
                    if (typeof d.softwareVersion !== "string" || d.softwareVersion.length) {
                        m.softwareVersion = $String(d.softwareVersion);
                    }
                }
                if (d.loraRank != null) {
                    if ($Number(d.loraRank) !== 0) {
                        m.loraRank = d.loraRank >>> 0;
                    }
                }
                if (d.gpu != null) {
                    if (typeof d.gpu !== "string" || d.gpu.length) {
                        m.gpu = $String(d.gpu);
                    }
                }
                if (d.dataSets) {
                    if (!$Array.isArray(d.dataSets))
                        throw $TypeError(".fedlora.v1.ClientHello.dataSets: array expected");
                    m.dataSets = $Array(d.dataSets.length);
                    for (var i = 0; i < d.dataSets.length; ++i) {
                        if (!$util.isObject(d.dataSets[i]))
                            throw $TypeError(".fedlora.v1.ClientHello.dataSets: object expected");
                        m.dataSets[i] = $root.fedlora.v1.DataSet.fromObject(d.dataSets[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ClientHello message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.ClientHello
             * @static
             * @param {fedlora.v1.ClientHello} m ClientHello
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ClientHello.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.dataSets = [];
                }
                if (o.defaults) {
                    d.clientId = "";
                    d.modelFingerprint = "";
                    d.backend = "";
                    d.numTrainExamples = 0;
                    d.numEvalExamples = 0;
                    d.softwareVersion = "";
                    d.loraRank = 0;
                    d.gpu = "";
                }
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId")) {
                    d.clientId = m.clientId;
                }
                if (m.modelFingerprint != null && $Object.hasOwnProperty.call(m, "modelFingerprint")) {
                    d.modelFingerprint = m.modelFingerprint;
                }
                if (m.backend != null && $Object.hasOwnProperty.call(m, "backend")) {
                    d.backend = m.backend;
                }
                if (m.numTrainExamples != null && $Object.hasOwnProperty.call(m, "numTrainExamples")) {
                    d.numTrainExamples = m.numTrainExamples;
                }
                if (m.numEvalExamples != null && $Object.hasOwnProperty.call(m, "numEvalExamples")) {
                    d.numEvalExamples = m.numEvalExamples;
                }
                if (m.softwareVersion != null && $Object.hasOwnProperty.call(m, "softwareVersion")) {
                    d.softwareVersion = m.softwareVersion;
                }
                if (m.loraRank != null && $Object.hasOwnProperty.call(m, "loraRank")) {
                    d.loraRank = m.loraRank;
                }
                if (m.gpu != null && $Object.hasOwnProperty.call(m, "gpu")) {
                    d.gpu = m.gpu;
                }
                if (m.dataSets && m.dataSets.length) {
                    d.dataSets = $Array(m.dataSets.length);
                    for (var j = 0; j < m.dataSets.length; ++j) {
                        d.dataSets[j] = $root.fedlora.v1.DataSet.toObject(m.dataSets[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this ClientHello to JSON.
             * @function toJSON
             * @memberof fedlora.v1.ClientHello
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ClientHello.prototype.toJSON = function() {
                return ClientHello.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ClientHello
             * @function getTypeUrl
             * @memberof fedlora.v1.ClientHello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ClientHello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.ClientHello";
            };

            return ClientHello;
        })();

        v1.DataSet = (function() {

            /**
             * Properties of a DataSet.
             * @typedef {Object} fedlora.v1.DataSet.$Properties
             * @property {string|null} [name] DataSet name
             * @property {number|null} [numTrainExamples] DataSet numTrainExamples
             * @property {number|null} [numEvalExamples] DataSet numEvalExamples
             * @property {boolean|null} [qa] DataSet qa
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DataSet.
             * @memberof fedlora.v1
             * @interface IDataSet
             * @augments fedlora.v1.DataSet.$Properties
             * @deprecated Use fedlora.v1.DataSet.$Properties instead.
             */

            /**
             * Shape of a DataSet.
             * @typedef {fedlora.v1.DataSet.$Properties} fedlora.v1.DataSet.$Shape
             */

            /**
             * Constructs a new DataSet.
             * @memberof fedlora.v1
             * @classdesc Represents a DataSet.
             * @constructor
             * @param {fedlora.v1.DataSet.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DataSet = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DataSet name.
             * @member {string} name
             * @memberof fedlora.v1.DataSet
             * @instance
             */
            DataSet.prototype.name = "";

            /**
             * DataSet numTrainExamples.
             * @member {number} numTrainExamples
             * @memberof fedlora.v1.DataSet
             * @instance
             */
            DataSet.prototype.numTrainExamples = 0;

            /**
             * DataSet numEvalExamples.
             * @member {number} numEvalExamples
             * @memberof fedlora.v1.DataSet
             * @instance
             */
            DataSet.prototype.numEvalExamples = 0;

            /**
             * DataSet qa.
             * @member {boolean} qa
             * @memberof fedlora.v1.DataSet
             * @instance
             */
            DataSet.prototype.qa = false;

            /**
             * Creates a new DataSet instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.DataSet
             * @static
             * @param {fedlora.v1.DataSet.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.DataSet} DataSet instance
             * @type {{
             *   (properties: fedlora.v1.DataSet.$Shape): fedlora.v1.DataSet & fedlora.v1.DataSet.$Shape;
             *   (properties?: fedlora.v1.DataSet.$Properties): fedlora.v1.DataSet;
             * }}
             */
            DataSet.create = function(properties) {
                return new DataSet(properties);
            };

            /**
             * Encodes the specified DataSet message. Does not implicitly {@link fedlora.v1.DataSet.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.DataSet
             * @static
             * @param {fedlora.v1.DataSet.$Properties} m DataSet message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DataSet.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.numTrainExamples != null && $Object.hasOwnProperty.call(m, "numTrainExamples") && m.numTrainExamples !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.numTrainExamples);
                if (m.numEvalExamples != null && $Object.hasOwnProperty.call(m, "numEvalExamples") && m.numEvalExamples !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.numEvalExamples);
                if (m.qa != null && $Object.hasOwnProperty.call(m, "qa") && m.qa !== false)
                    w.uint32(/* id 4, wireType 0 =*/32).bool(m.qa);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DataSet message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.DataSet
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.DataSet & fedlora.v1.DataSet.$Shape} DataSet
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DataSet.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.DataSet();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.numTrainExamples = v;
                            else
                                delete m.numTrainExamples;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.numEvalExamples = v;
                            else
                                delete m.numEvalExamples;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.qa = v;
                            else
                                delete m.qa;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a DataSet message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.DataSet
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.DataSet} DataSet
             */
            DataSet.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.DataSet)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.DataSet: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.DataSet();
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.numTrainExamples != null) {
                    if ($Number(d.numTrainExamples) !== 0) {
                        m.numTrainExamples = d.numTrainExamples >>> 0;
                    }
                }
                if (d.numEvalExamples != null) {
                    if ($Number(d.numEvalExamples) !== 0) {
                        m.numEvalExamples = d.numEvalExamples >>> 0;
                    }
                }
                if (d.qa != null) {
                    if (d.qa) {
                        m.qa = $Boolean(d.qa);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a DataSet message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.DataSet
             * @static
             * @param {fedlora.v1.DataSet} m DataSet
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DataSet.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.name = "";
                    d.numTrainExamples = 0;
                    d.numEvalExamples = 0;
                    d.qa = false;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.numTrainExamples != null && $Object.hasOwnProperty.call(m, "numTrainExamples")) {
                    d.numTrainExamples = m.numTrainExamples;
                }
                if (m.numEvalExamples != null && $Object.hasOwnProperty.call(m, "numEvalExamples")) {
                    d.numEvalExamples = m.numEvalExamples;
                }
                if (m.qa != null && $Object.hasOwnProperty.call(m, "qa")) {
                    d.qa = m.qa;
                }
                return d;
            };

            /**
             * Converts this DataSet to JSON.
             * @function toJSON
             * @memberof fedlora.v1.DataSet
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DataSet.prototype.toJSON = function() {
                return DataSet.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DataSet
             * @function getTypeUrl
             * @memberof fedlora.v1.DataSet
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DataSet.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.DataSet";
            };

            return DataSet;
        })();

        v1.DataShare = (function() {

            /**
             * Properties of a DataShare.
             * @typedef {Object} fedlora.v1.DataShare.$Properties
             * @property {string|null} [name] DataShare name
             * @property {number|null} [weight] DataShare weight
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DataShare.
             * @memberof fedlora.v1
             * @interface IDataShare
             * @augments fedlora.v1.DataShare.$Properties
             * @deprecated Use fedlora.v1.DataShare.$Properties instead.
             */

            /**
             * Shape of a DataShare.
             * @typedef {fedlora.v1.DataShare.$Properties} fedlora.v1.DataShare.$Shape
             */

            /**
             * Constructs a new DataShare.
             * @memberof fedlora.v1
             * @classdesc Represents a DataShare.
             * @constructor
             * @param {fedlora.v1.DataShare.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DataShare = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DataShare name.
             * @member {string} name
             * @memberof fedlora.v1.DataShare
             * @instance
             */
            DataShare.prototype.name = "";

            /**
             * DataShare weight.
             * @member {number} weight
             * @memberof fedlora.v1.DataShare
             * @instance
             */
            DataShare.prototype.weight = 0;

            /**
             * Creates a new DataShare instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.DataShare
             * @static
             * @param {fedlora.v1.DataShare.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.DataShare} DataShare instance
             * @type {{
             *   (properties: fedlora.v1.DataShare.$Shape): fedlora.v1.DataShare & fedlora.v1.DataShare.$Shape;
             *   (properties?: fedlora.v1.DataShare.$Properties): fedlora.v1.DataShare;
             * }}
             */
            DataShare.create = function(properties) {
                return new DataShare(properties);
            };

            /**
             * Encodes the specified DataShare message. Does not implicitly {@link fedlora.v1.DataShare.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.DataShare
             * @static
             * @param {fedlora.v1.DataShare.$Properties} m DataShare message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DataShare.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.weight != null && $Object.hasOwnProperty.call(m, "weight") && !$Object.is(m.weight, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.weight);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DataShare message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.DataShare
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.DataShare & fedlora.v1.DataShare.$Shape} DataShare
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DataShare.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.DataShare();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.weight = v;
                            else
                                delete m.weight;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a DataShare message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.DataShare
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.DataShare} DataShare
             */
            DataShare.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.DataShare)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.DataShare: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.DataShare();
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.weight != null) {
                    if (!$Object.is($Number(d.weight), 0)) {
                        m.weight = $Number(d.weight);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a DataShare message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.DataShare
             * @static
             * @param {fedlora.v1.DataShare} m DataShare
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DataShare.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.name = "";
                    d.weight = 0;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.weight != null && $Object.hasOwnProperty.call(m, "weight")) {
                    d.weight = o.json && !$isFinite(m.weight) ? $String(m.weight) : m.weight;
                }
                return d;
            };

            /**
             * Converts this DataShare to JSON.
             * @function toJSON
             * @memberof fedlora.v1.DataShare
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DataShare.prototype.toJSON = function() {
                return DataShare.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DataShare
             * @function getTypeUrl
             * @memberof fedlora.v1.DataShare
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DataShare.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.DataShare";
            };

            return DataShare;
        })();

        v1.Welcome = (function() {

            /**
             * Properties of a Welcome.
             * @typedef {Object} fedlora.v1.Welcome.$Properties
             * @property {string|null} [runId] Welcome runId
             * @property {number|null} [roundsTotal] Welcome roundsTotal
             * @property {string|null} [model] Welcome model
             * @property {string|null} [clientId] Welcome clientId
             * @property {number|null} [chunkBytes] Welcome chunkBytes
             * @property {number|null} [maxPayloadBytes] Welcome maxPayloadBytes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Welcome.
             * @memberof fedlora.v1
             * @interface IWelcome
             * @augments fedlora.v1.Welcome.$Properties
             * @deprecated Use fedlora.v1.Welcome.$Properties instead.
             */

            /**
             * Shape of a Welcome.
             * @typedef {fedlora.v1.Welcome.$Properties} fedlora.v1.Welcome.$Shape
             */

            /**
             * Constructs a new Welcome.
             * @memberof fedlora.v1
             * @classdesc Represents a Welcome.
             * @constructor
             * @param {fedlora.v1.Welcome.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Welcome = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Welcome runId.
             * @member {string} runId
             * @memberof fedlora.v1.Welcome
             * @instance
             */
            Welcome.prototype.runId = "";

            /**
             * Welcome roundsTotal.
             * @member {number} roundsTotal
             * @memberof fedlora.v1.Welcome
             * @instance
             */
            Welcome.prototype.roundsTotal = 0;

            /**
             * Welcome model.
             * @member {string} model
             * @memberof fedlora.v1.Welcome
             * @instance
             */
            Welcome.prototype.model = "";

            /**
             * Welcome clientId.
             * @member {string} clientId
             * @memberof fedlora.v1.Welcome
             * @instance
             */
            Welcome.prototype.clientId = "";

            /**
             * Welcome chunkBytes.
             * @member {number} chunkBytes
             * @memberof fedlora.v1.Welcome
             * @instance
             */
            Welcome.prototype.chunkBytes = 0;

            /**
             * Welcome maxPayloadBytes.
             * @member {number} maxPayloadBytes
             * @memberof fedlora.v1.Welcome
             * @instance
             */
            Welcome.prototype.maxPayloadBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.Welcome
             * @static
             * @param {fedlora.v1.Welcome.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.Welcome} Welcome instance
             * @type {{
             *   (properties: fedlora.v1.Welcome.$Shape): fedlora.v1.Welcome & fedlora.v1.Welcome.$Shape;
             *   (properties?: fedlora.v1.Welcome.$Properties): fedlora.v1.Welcome;
             * }}
             */
            Welcome.create = function(properties) {
                return new Welcome(properties);
            };

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link fedlora.v1.Welcome.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.Welcome
             * @static
             * @param {fedlora.v1.Welcome.$Properties} m Welcome message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
                if (m.roundsTotal != null && $Object.hasOwnProperty.call(m, "roundsTotal") && m.roundsTotal !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.roundsTotal);
                if (m.model != null && $Object.hasOwnProperty.call(m, "model") && m.model !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.model);
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId") && m.clientId !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.clientId);
                if (m.chunkBytes != null && $Object.hasOwnProperty.call(m, "chunkBytes") && m.chunkBytes !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.chunkBytes);
                if (m.maxPayloadBytes != null && $Object.hasOwnProperty.call(m, "maxPayloadBytes") && (typeof m.maxPayloadBytes === "object" ? m.maxPayloadBytes.low || m.maxPayloadBytes.high : m.maxPayloadBytes !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.maxPayloadBytes);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.Welcome & fedlora.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.Welcome();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.runId = v;
                            else
                                delete m.runId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.roundsTotal = v;
                            else
                                delete m.roundsTotal;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.model = v;
                            else
                                delete m.model;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.clientId = v;
                            else
                                delete m.clientId;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.chunkBytes = v;
                            else
                                delete m.chunkBytes;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.maxPayloadBytes = v;
                            else
                                delete m.maxPayloadBytes;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Welcome message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.Welcome
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.Welcome} Welcome
             */
            Welcome.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.Welcome)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.Welcome: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.Welcome();
                if (d.runId != null) {
                    if (typeof d.runId !== "string" || d.runId.length) {
                        m.runId = $String(d.runId);
                    }
                }
                if (d.roundsTotal != null) {
                    if ($Number(d.roundsTotal) !== 0) {
                        m.roundsTotal = d.roundsTotal >>> 0;
                    }
                }
                if (d.model != null) {
                    if (typeof d.model !== "string" || d.model.length) {
                        m.model = $String(d.model);
                    }
                }
                if (d.clientId != null) {
                    if (typeof d.clientId !== "string" || d.clientId.length) {
                        m.clientId = $String(d.clientId);
                    }
                }
                if (d.chunkBytes != null) {
                    if ($Number(d.chunkBytes) !== 0) {
                        m.chunkBytes = d.chunkBytes >>> 0;
                    }
                }
                if (d.maxPayloadBytes != null) {
                    if (typeof d.maxPayloadBytes === "object" ? d.maxPayloadBytes.low || d.maxPayloadBytes.high : $Number(d.maxPayloadBytes) !== 0) {
                        if ($util.Long)
                            m.maxPayloadBytes = $util.Long.fromValue(d.maxPayloadBytes, true);
                        else if (typeof d.maxPayloadBytes === "string")
                            m.maxPayloadBytes = $parseInt(d.maxPayloadBytes, 10);
                        else if (typeof d.maxPayloadBytes === "number")
                            m.maxPayloadBytes = d.maxPayloadBytes;
                        else if (typeof d.maxPayloadBytes === "object")
                            m.maxPayloadBytes = new $util.LongBits(d.maxPayloadBytes.low >>> 0, d.maxPayloadBytes.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Welcome message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.Welcome
             * @static
             * @param {fedlora.v1.Welcome} m Welcome
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Welcome.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.runId = "";
                    d.roundsTotal = 0;
                    d.model = "";
                    d.clientId = "";
                    d.chunkBytes = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.maxPayloadBytes = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.maxPayloadBytes = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    d.runId = m.runId;
                }
                if (m.roundsTotal != null && $Object.hasOwnProperty.call(m, "roundsTotal")) {
                    d.roundsTotal = m.roundsTotal;
                }
                if (m.model != null && $Object.hasOwnProperty.call(m, "model")) {
                    d.model = m.model;
                }
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId")) {
                    d.clientId = m.clientId;
                }
                if (m.chunkBytes != null && $Object.hasOwnProperty.call(m, "chunkBytes")) {
                    d.chunkBytes = m.chunkBytes;
                }
                if (m.maxPayloadBytes != null && $Object.hasOwnProperty.call(m, "maxPayloadBytes")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.maxPayloadBytes = typeof m.maxPayloadBytes === "number" ? $BigInt(m.maxPayloadBytes) : $util.Long.fromBits(m.maxPayloadBytes.low >>> 0, m.maxPayloadBytes.high >>> 0, true).toBigInt();
                    else if (typeof m.maxPayloadBytes === "number")
                        d.maxPayloadBytes = o.longs === $String ? $String(m.maxPayloadBytes) : m.maxPayloadBytes;
                    else
                        d.maxPayloadBytes = o.longs === $String ? $util.Long.prototype.toString.call(m.maxPayloadBytes) : o.longs === $Number ? new $util.LongBits(m.maxPayloadBytes.low >>> 0, m.maxPayloadBytes.high >>> 0).toNumber(true) : m.maxPayloadBytes;
                }
                return d;
            };

            /**
             * Converts this Welcome to JSON.
             * @function toJSON
             * @memberof fedlora.v1.Welcome
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Welcome.prototype.toJSON = function() {
                return Welcome.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Welcome
             * @function getTypeUrl
             * @memberof fedlora.v1.Welcome
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Welcome.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.Welcome";
            };

            return Welcome;
        })();

        v1.TrainInstruction = (function() {

            /**
             * Properties of a TrainInstruction.
             * @typedef {Object} fedlora.v1.TrainInstruction.$Properties
             * @property {number|null} [round] TrainInstruction round
             * @property {string|null} [globalDigest] TrainInstruction globalDigest
             * @property {fedlora.v1.Adapter.$Properties|null} [globalAdapter] TrainInstruction globalAdapter
             * @property {fedlora.v1.TrainHyperParams.$Properties|null} [hyperParams] TrainInstruction hyperParams
             * @property {fedlora.v1.LoraSpec.$Properties|null} [lora] TrainInstruction lora
             * @property {number|null} [deadlineUnixMs] TrainInstruction deadlineUnixMs
             * @property {fedlora.v1.ClientPolicy.$Properties|null} [clientPolicy] TrainInstruction clientPolicy
             * @property {Array.<fedlora.v1.DataShare.$Properties>|null} [data] TrainInstruction data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TrainInstruction.
             * @memberof fedlora.v1
             * @interface ITrainInstruction
             * @augments fedlora.v1.TrainInstruction.$Properties
             * @deprecated Use fedlora.v1.TrainInstruction.$Properties instead.
             */

            /**
             * Shape of a TrainInstruction.
             * @typedef {fedlora.v1.TrainInstruction.$Properties} fedlora.v1.TrainInstruction.$Shape
             */

            /**
             * Constructs a new TrainInstruction.
             * @memberof fedlora.v1
             * @classdesc Represents a TrainInstruction.
             * @constructor
             * @param {fedlora.v1.TrainInstruction.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TrainInstruction = function (p) {
                this.data = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TrainInstruction round.
             * @member {number} round
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.round = 0;

            /**
             * TrainInstruction globalDigest.
             * @member {string} globalDigest
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.globalDigest = "";

            /**
             * TrainInstruction globalAdapter.
             * @member {fedlora.v1.Adapter.$Properties|null|undefined} globalAdapter
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.globalAdapter = null;

            /**
             * TrainInstruction hyperParams.
             * @member {fedlora.v1.TrainHyperParams.$Properties|null|undefined} hyperParams
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.hyperParams = null;

            /**
             * TrainInstruction lora.
             * @member {fedlora.v1.LoraSpec.$Properties|null|undefined} lora
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.lora = null;

            /**
             * TrainInstruction deadlineUnixMs.
             * @member {number} deadlineUnixMs
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.deadlineUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * TrainInstruction clientPolicy.
             * @member {fedlora.v1.ClientPolicy.$Properties|null|undefined} clientPolicy
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.clientPolicy = null;

            /**
             * TrainInstruction data.
             * @member {Array.<fedlora.v1.DataShare.$Properties>} data
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.data = $util.emptyArray;

            /**
             * Creates a new TrainInstruction instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.TrainInstruction
             * @static
             * @param {fedlora.v1.TrainInstruction.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.TrainInstruction} TrainInstruction instance
             * @type {{
             *   (properties: fedlora.v1.TrainInstruction.$Shape): fedlora.v1.TrainInstruction & fedlora.v1.TrainInstruction.$Shape;
             *   (properties?: fedlora.v1.TrainInstruction.$Properties): fedlora.v1.TrainInstruction;
             * }}
             */
            TrainInstruction.create = function(properties) {
                return new TrainInstruction(properties);
            };

            /**
             * Encodes the specified TrainInstruction message. Does not implicitly {@link fedlora.v1.TrainInstruction.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.TrainInstruction
             * @static
             * @param {fedlora.v1.TrainInstruction.$Properties} m TrainInstruction message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TrainInstruction.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.globalDigest != null && $Object.hasOwnProperty.call(m, "globalDigest") && m.globalDigest !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.globalDigest);
                if (m.globalAdapter != null && $Object.hasOwnProperty.call(m, "globalAdapter"))
                    $root.fedlora.v1.Adapter.encode(m.globalAdapter, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.hyperParams != null && $Object.hasOwnProperty.call(m, "hyperParams"))
                    $root.fedlora.v1.TrainHyperParams.encode(m.hyperParams, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.lora != null && $Object.hasOwnProperty.call(m, "lora"))
                    $root.fedlora.v1.LoraSpec.encode(m.lora, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs") && (typeof m.deadlineUnixMs === "object" ? m.deadlineUnixMs.low || m.deadlineUnixMs.high : m.deadlineUnixMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.deadlineUnixMs);
                if (m.clientPolicy != null && $Object.hasOwnProperty.call(m, "clientPolicy"))
                    $root.fedlora.v1.ClientPolicy.encode(m.clientPolicy, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                if (m.data != null && m.data.length) {
                    for (var i = 0; i < m.data.length; ++i)
                        $root.fedlora.v1.DataShare.encode(m.data[i], w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a TrainInstruction message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.TrainInstruction
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.TrainInstruction & fedlora.v1.TrainInstruction.$Shape} TrainInstruction
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TrainInstruction.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.TrainInstruction();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.globalDigest = v;
                            else
                                delete m.globalDigest;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.globalAdapter = $root.fedlora.v1.Adapter.decode(r, r.size(), $undefined, q + 1, m.globalAdapter);
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.hyperParams = $root.fedlora.v1.TrainHyperParams.decode(r, r.size(), $undefined, q + 1, m.hyperParams);
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.lora = $root.fedlora.v1.LoraSpec.decode(r, r.size(), $undefined, q + 1, m.lora);
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.deadlineUnixMs = v;
                            else
                                delete m.deadlineUnixMs;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            m.clientPolicy = $root.fedlora.v1.ClientPolicy.decode(r, r.size(), $undefined, q + 1, m.clientPolicy);
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            if (!(m.data && m.data.length))
                                m.data = [];
                            m.data.push($root.fedlora.v1.DataShare.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a TrainInstruction message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.TrainInstruction
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.TrainInstruction} TrainInstruction
             */
            TrainInstruction.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.TrainInstruction)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.TrainInstruction: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.TrainInstruction();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.globalDigest != null) {
                    if (typeof d.globalDigest !== "string" || d.globalDigest.length) {
                        m.globalDigest = $String(d.globalDigest);
                    }
                }
                if (d.globalAdapter != null) {
                    if (!$util.isObject(d.globalAdapter))
                        throw $TypeError(".fedlora.v1.TrainInstruction.globalAdapter: object expected");
                    m.globalAdapter = $root.fedlora.v1.Adapter.fromObject(d.globalAdapter, q + 1);
                }
                if (d.hyperParams != null) {
                    if (!$util.isObject(d.hyperParams))
                        throw $TypeError(".fedlora.v1.TrainInstruction.hyperParams: object expected");
                    m.hyperParams = $root.fedlora.v1.TrainHyperParams.fromObject(d.hyperParams, q + 1);
                }
                if (d.lora != null) {
                    if (!$util.isObject(d.lora))
                        throw $TypeError(".fedlora.v1.TrainInstruction.lora: object expected");
                    m.lora = $root.fedlora.v1.LoraSpec.fromObject(d.lora, q + 1);
                }
                if (d.deadlineUnixMs != null) {
                    if (typeof d.deadlineUnixMs === "object" ? d.deadlineUnixMs.low || d.deadlineUnixMs.high : $Number(d.deadlineUnixMs) !== 0) {
                        if ($util.Long)
                            m.deadlineUnixMs = $util.Long.fromValue(d.deadlineUnixMs, true);
                        else if (typeof d.deadlineUnixMs === "string")
                            m.deadlineUnixMs = $parseInt(d.deadlineUnixMs, 10);
                        else if (typeof d.deadlineUnixMs === "number")
                            m.deadlineUnixMs = d.deadlineUnixMs;
                        else if (typeof d.deadlineUnixMs === "object")
                            m.deadlineUnixMs = new $util.LongBits(d.deadlineUnixMs.low >>> 0, d.deadlineUnixMs.high >>> 0).toNumber(true);
                    }
                }
                if (d.clientPolicy != null) {
                    if (!$util.isObject(d.clientPolicy))
                        throw $TypeError(".fedlora.v1.TrainInstruction.clientPolicy: object expected");
                    m.clientPolicy = $root.fedlora.v1.ClientPolicy.fromObject(d.clientPolicy, q + 1);
                }
                if (d.data) {
                    if (!$Array.isArray(d.data))
                        throw $TypeError(".fedlora.v1.TrainInstruction.data: array expected");
                    m.data = $Array(d.data.length);
                    for (var i = 0; i < d.data.length; ++i) {
                        if (!$util.isObject(d.data[i]))
                            throw $TypeError(".fedlora.v1.TrainInstruction.data: object expected");
                        m.data[i] = $root.fedlora.v1.DataShare.fromObject(d.data[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a TrainInstruction message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.TrainInstruction
             * @static
             * @param {fedlora.v1.TrainInstruction} m TrainInstruction
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TrainInstruction.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.data = [];
                }
                if (o.defaults) {
                    d.round = 0;
                    d.globalDigest = "";
                    d.globalAdapter = null;
                    d.hyperParams = null;
                    d.lora = null;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.deadlineUnixMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.deadlineUnixMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.clientPolicy = null;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.globalDigest != null && $Object.hasOwnProperty.call(m, "globalDigest")) {
                    d.globalDigest = m.globalDigest;
                }
                if (m.globalAdapter != null && $Object.hasOwnProperty.call(m, "globalAdapter")) {
                    d.globalAdapter = $root.fedlora.v1.Adapter.toObject(m.globalAdapter, o, q + 1);
                }
                if (m.hyperParams != null && $Object.hasOwnProperty.call(m, "hyperParams")) {
                    d.hyperParams = $root.fedlora.v1.TrainHyperParams.toObject(m.hyperParams, o, q + 1);
                }
                if (m.lora != null && $Object.hasOwnProperty.call(m, "lora")) {
                    d.lora = $root.fedlora.v1.LoraSpec.toObject(m.lora, o, q + 1);
                }
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.deadlineUnixMs = typeof m.deadlineUnixMs === "number" ? $BigInt(m.deadlineUnixMs) : $util.Long.fromBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0, true).toBigInt();
                    else if (typeof m.deadlineUnixMs === "number")
                        d.deadlineUnixMs = o.longs === $String ? $String(m.deadlineUnixMs) : m.deadlineUnixMs;
                    else
                        d.deadlineUnixMs = o.longs === $String ? $util.Long.prototype.toString.call(m.deadlineUnixMs) : o.longs === $Number ? new $util.LongBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0).toNumber(true) : m.deadlineUnixMs;
                }
                if (m.clientPolicy != null && $Object.hasOwnProperty.call(m, "clientPolicy")) {
                    d.clientPolicy = $root.fedlora.v1.ClientPolicy.toObject(m.clientPolicy, o, q + 1);
                }
                if (m.data && m.data.length) {
                    d.data = $Array(m.data.length);
                    for (var j = 0; j < m.data.length; ++j) {
                        d.data[j] = $root.fedlora.v1.DataShare.toObject(m.data[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this TrainInstruction to JSON.
             * @function toJSON
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TrainInstruction.prototype.toJSON = function() {
                return TrainInstruction.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TrainInstruction
             * @function getTypeUrl
             * @memberof fedlora.v1.TrainInstruction
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TrainInstruction.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.TrainInstruction";
            };

            return TrainInstruction;
        })();

        v1.ClientPolicy = (function() {

            /**
             * Properties of a ClientPolicy.
             * @typedef {Object} fedlora.v1.ClientPolicy.$Properties
             * @property {number|null} [proximalMu] ClientPolicy proximalMu
             * @property {number|null} [clipNorm] ClientPolicy clipNorm
             * @property {fedlora.v1.UpdateEncoding|null} [updateEncoding] ClientPolicy updateEncoding
             * @property {boolean|null} [errorFeedback] ClientPolicy errorFeedback
             * @property {boolean|null} [secureAggregation] ClientPolicy secureAggregation
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientPolicy.
             * @memberof fedlora.v1
             * @interface IClientPolicy
             * @augments fedlora.v1.ClientPolicy.$Properties
             * @deprecated Use fedlora.v1.ClientPolicy.$Properties instead.
             */

            /**
             * Shape of a ClientPolicy.
             * @typedef {fedlora.v1.ClientPolicy.$Properties} fedlora.v1.ClientPolicy.$Shape
             */

            /**
             * Constructs a new ClientPolicy.
             * @memberof fedlora.v1
             * @classdesc Represents a ClientPolicy.
             * @constructor
             * @param {fedlora.v1.ClientPolicy.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientPolicy = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ClientPolicy proximalMu.
             * @member {number} proximalMu
             * @memberof fedlora.v1.ClientPolicy
             * @instance
             */
            ClientPolicy.prototype.proximalMu = 0;

            /**
             * ClientPolicy clipNorm.
             * @member {number} clipNorm
             * @memberof fedlora.v1.ClientPolicy
             * @instance
             */
            ClientPolicy.prototype.clipNorm = 0;

            /**
             * ClientPolicy updateEncoding.
             * @member {fedlora.v1.UpdateEncoding} updateEncoding
             * @memberof fedlora.v1.ClientPolicy
             * @instance
             */
            ClientPolicy.prototype.updateEncoding = 0;

            /**
             * ClientPolicy errorFeedback.
             * @member {boolean} errorFeedback
             * @memberof fedlora.v1.ClientPolicy
             * @instance
             */
            ClientPolicy.prototype.errorFeedback = false;

            /**
             * ClientPolicy secureAggregation.
             * @member {boolean} secureAggregation
             * @memberof fedlora.v1.ClientPolicy
             * @instance
             */
            ClientPolicy.prototype.secureAggregation = false;

            /**
             * Creates a new ClientPolicy instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.ClientPolicy
             * @static
             * @param {fedlora.v1.ClientPolicy.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.ClientPolicy} ClientPolicy instance
             * @type {{
             *   (properties: fedlora.v1.ClientPolicy.$Shape): fedlora.v1.ClientPolicy & fedlora.v1.ClientPolicy.$Shape;
             *   (properties?: fedlora.v1.ClientPolicy.$Properties): fedlora.v1.ClientPolicy;
             * }}
             */
            ClientPolicy.create = function(properties) {
                return new ClientPolicy(properties);
            };

            /**
             * Encodes the specified ClientPolicy message. Does not implicitly {@link fedlora.v1.ClientPolicy.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.ClientPolicy
             * @static
             * @param {fedlora.v1.ClientPolicy.$Properties} m ClientPolicy message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientPolicy.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.proximalMu != null && $Object.hasOwnProperty.call(m, "proximalMu") && !$Object.is(m.proximalMu, 0))
                    w.uint32(/* id 1, wireType 1 =*/9).double(m.proximalMu);
                if (m.clipNorm != null && $Object.hasOwnProperty.call(m, "clipNorm") && !$Object.is(m.clipNorm, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.clipNorm);
                if (m.updateEncoding != null && $Object.hasOwnProperty.call(m, "updateEncoding") && m.updateEncoding !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).int32(m.updateEncoding);
                if (m.errorFeedback != null && $Object.hasOwnProperty.call(m, "errorFeedback") && m.errorFeedback !== false)
                    w.uint32(/* id 4, wireType 0 =*/32).bool(m.errorFeedback);
                if (m.secureAggregation != null && $Object.hasOwnProperty.call(m, "secureAggregation") && m.secureAggregation !== false)
                    w.uint32(/* id 5, wireType 0 =*/40).bool(m.secureAggregation);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ClientPolicy message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.ClientPolicy
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.ClientPolicy & fedlora.v1.ClientPolicy.$Shape} ClientPolicy
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientPolicy.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.ClientPolicy();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.proximalMu = v;
                            else
                                delete m.proximalMu;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.clipNorm = v;
                            else
                                delete m.clipNorm;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.updateEncoding = v;
                            else
                                delete m.updateEncoding;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.errorFeedback = v;
                            else
                                delete m.errorFeedback;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.secureAggregation = v;
                            else
                                delete m.secureAggregation;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ClientPolicy message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.ClientPolicy
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.ClientPolicy} ClientPolicy
             */
            ClientPolicy.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.ClientPolicy)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.ClientPolicy: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.ClientPolicy();
                if (d.proximalMu != null) {
                    if (!$Object.is($Number(d.proximalMu), 0)) {
                        m.proximalMu = $Number(d.proximalMu);
                    }
                }
                if (d.clipNorm != null) {
                    if (!$Object.is($Number(d.clipNorm), 0)) {
                        m.clipNorm = $Number(d.clipNorm);
                    }
                }
                if (d.updateEncoding !== 0 && (typeof d.updateEncoding !== "string" || $root.fedlora.v1.UpdateEncoding[d.updateEncoding] !== 0)) {
                    switch (d.updateEncoding) {
                    case "UPDATE_FP32":
                    case 0:
                        m.updateEncoding = 0;
                        break;
                    case "UPDATE_FP16":
                    case 1:
                        m.updateEncoding = 1;
                        break;
                    case "UPDATE_BF16":
                    case 2:
                        m.updateEncoding = 2;
                        break;
                    case "UPDATE_INT8":
                    case 3:
                        m.updateEncoding = 3;
                        break;
                    default:
                        if (typeof d.updateEncoding === "number" && (d.updateEncoding | 0) === d.updateEncoding)
                            m.updateEncoding = d.updateEncoding;
                    }
                }
                if (d.errorFeedback != null) {
                    if (d.errorFeedback) {
                        m.errorFeedback = $Boolean(d.errorFeedback);
                    }
                }
                if (d.secureAggregation != null) {
                    if (d.secureAggregation) {
                        m.secureAggregation = $Boolean(d.secureAggregation);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ClientPolicy message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.ClientPolicy
             * @static
             * @param {fedlora.v1.ClientPolicy} m ClientPolicy
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ClientPolicy.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.proximalMu = 0;
                    d.clipNorm = 0;
                    d.updateEncoding = o.enums === $String ? "UPDATE_FP32" : 0;
                    d.errorFeedback = false;
                    d.secureAggregation = false;
                }
                if (m.proximalMu != null && $Object.hasOwnProperty.call(m, "proximalMu")) {
                    d.proximalMu = o.json && !$isFinite(m.proximalMu) ? $String(m.proximalMu) : m.proximalMu;
                }
                if (m.clipNorm != null && $Object.hasOwnProperty.call(m, "clipNorm")) {
                    d.clipNorm = o.json && !$isFinite(m.clipNorm) ? $String(m.clipNorm) : m.clipNorm;
                }
                if (m.updateEncoding != null && $Object.hasOwnProperty.call(m, "updateEncoding")) {
                    d.updateEncoding = o.enums === $String ? $root.fedlora.v1.UpdateEncoding[m.updateEncoding] === $undefined ? m.updateEncoding : $root.fedlora.v1.UpdateEncoding[m.updateEncoding] : m.updateEncoding;
                }
                if (m.errorFeedback != null && $Object.hasOwnProperty.call(m, "errorFeedback")) {
                    d.errorFeedback = m.errorFeedback;
                }
                if (m.secureAggregation != null && $Object.hasOwnProperty.call(m, "secureAggregation")) {
                    d.secureAggregation = m.secureAggregation;
                }
                return d;
            };

            /**
             * Converts this ClientPolicy to JSON.
             * @function toJSON
             * @memberof fedlora.v1.ClientPolicy
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ClientPolicy.prototype.toJSON = function() {
                return ClientPolicy.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ClientPolicy
             * @function getTypeUrl
             * @memberof fedlora.v1.ClientPolicy
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ClientPolicy.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.ClientPolicy";
            };

            return ClientPolicy;
        })();

        v1.ClientUpdate = (function() {

            /**
             * Properties of a ClientUpdate.
             * @typedef {Object} fedlora.v1.ClientUpdate.$Properties
             * @property {number|null} [round] ClientUpdate round
             * @property {string|null} [globalDigest] ClientUpdate globalDigest
             * @property {fedlora.v1.Adapter.$Properties|null} [update] ClientUpdate update
             * @property {number|null} [numExamples] ClientUpdate numExamples
             * @property {number|null} [trainLoss] ClientUpdate trainLoss
             * @property {number|null} [tokensPerSecond] ClientUpdate tokensPerSecond
             * @property {number|null} [steps] ClientUpdate steps
             * @property {number|null} [durationMs] ClientUpdate durationMs
             * @property {string|null} [updateId] ClientUpdate updateId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientUpdate.
             * @memberof fedlora.v1
             * @interface IClientUpdate
             * @augments fedlora.v1.ClientUpdate.$Properties
             * @deprecated Use fedlora.v1.ClientUpdate.$Properties instead.
             */

            /**
             * Shape of a ClientUpdate.
             * @typedef {fedlora.v1.ClientUpdate.$Properties} fedlora.v1.ClientUpdate.$Shape
             */

            /**
             * Constructs a new ClientUpdate.
             * @memberof fedlora.v1
             * @classdesc Represents a ClientUpdate.
             * @constructor
             * @param {fedlora.v1.ClientUpdate.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientUpdate = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ClientUpdate round.
             * @member {number} round
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             */
            ClientUpdate.prototype.round = 0;

            /**
             * ClientUpdate globalDigest.
             * @member {string} globalDigest
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             */
            ClientUpdate.prototype.globalDigest = "";

            /**
             * ClientUpdate update.
             * @member {fedlora.v1.Adapter.$Properties|null|undefined} update
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             */
            ClientUpdate.prototype.update = null;

            /**
             * ClientUpdate numExamples.
             * @member {number} numExamples
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             */
            ClientUpdate.prototype.numExamples = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ClientUpdate trainLoss.
             * @member {number} trainLoss
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             */
            ClientUpdate.prototype.trainLoss = 0;

            /**
             * ClientUpdate tokensPerSecond.
             * @member {number} tokensPerSecond
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             */
            ClientUpdate.prototype.tokensPerSecond = 0;

            /**
             * ClientUpdate steps.
             * @member {number} steps
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             */
            ClientUpdate.prototype.steps = 0;

            /**
             * ClientUpdate durationMs.
             * @member {number} durationMs
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             */
            ClientUpdate.prototype.durationMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ClientUpdate updateId.
             * @member {string} updateId
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             */
            ClientUpdate.prototype.updateId = "";

            /**
             * Creates a new ClientUpdate instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.ClientUpdate
             * @static
             * @param {fedlora.v1.ClientUpdate.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.ClientUpdate} ClientUpdate instance
             * @type {{
             *   (properties: fedlora.v1.ClientUpdate.$Shape): fedlora.v1.ClientUpdate & fedlora.v1.ClientUpdate.$Shape;
             *   (properties?: fedlora.v1.ClientUpdate.$Properties): fedlora.v1.ClientUpdate;
             * }}
             */
            ClientUpdate.create = function(properties) {
                return new ClientUpdate(properties);
            };

            /**
             * Encodes the specified ClientUpdate message. Does not implicitly {@link fedlora.v1.ClientUpdate.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.ClientUpdate
             * @static
             * @param {fedlora.v1.ClientUpdate.$Properties} m ClientUpdate message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientUpdate.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.globalDigest != null && $Object.hasOwnProperty.call(m, "globalDigest") && m.globalDigest !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.globalDigest);
                if (m.update != null && $Object.hasOwnProperty.call(m, "update"))
                    $root.fedlora.v1.Adapter.encode(m.update, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.numExamples != null && $Object.hasOwnProperty.call(m, "numExamples") && (typeof m.numExamples === "object" ? m.numExamples.low || m.numExamples.high : m.numExamples !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.numExamples);
                if (m.trainLoss != null && $Object.hasOwnProperty.call(m, "trainLoss") && !$Object.is(m.trainLoss, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.trainLoss);
                if (m.tokensPerSecond != null && $Object.hasOwnProperty.call(m, "tokensPerSecond") && !$Object.is(m.tokensPerSecond, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.tokensPerSecond);
                if (m.steps != null && $Object.hasOwnProperty.call(m, "steps") && m.steps !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.steps);
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs") && (typeof m.durationMs === "object" ? m.durationMs.low || m.durationMs.high : m.durationMs !== 0))
                    w.uint32(/* id 8, wireType 0 =*/64).uint64(m.durationMs);
                if (m.updateId != null && $Object.hasOwnProperty.call(m, "updateId") && m.updateId !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.updateId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ClientUpdate message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.ClientUpdate
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.ClientUpdate & fedlora.v1.ClientUpdate.$Shape} ClientUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientUpdate.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.ClientUpdate();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.globalDigest = v;
                            else
                                delete m.globalDigest;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.update = $root.fedlora.v1.Adapter.decode(r, r.size(), $undefined, q + 1, m.update);
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.numExamples = v;
                            else
                                delete m.numExamples;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.trainLoss = v;
                            else
                                delete m.trainLoss;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.tokensPerSecond = v;
                            else
                                delete m.tokensPerSecond;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.steps = v;
                            else
                                delete m.steps;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.durationMs = v;
                            else
                                delete m.durationMs;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.updateId = v;
                            else
                                delete m.updateId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ClientUpdate message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.ClientUpdate
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.ClientUpdate} ClientUpdate
             */
            ClientUpdate.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.ClientUpdate)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.ClientUpdate: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.ClientUpdate();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.globalDigest != null) {
                    if (typeof d.globalDigest !== "string" || d.globalDigest.length) {
                        m.globalDigest = $String(d.globalDigest);
                    }
                }
                if (d.update != null) {
                    if (!$util.isObject(d.update))
                        throw $TypeError(".fedlora.v1.ClientUpdate.update: object expected");
                    m.update = $root.fedlora.v1.Adapter.fromObject(d.update, q + 1);
                }
                if (d.numExamples != null) {
                    if (typeof d.numExamples === "object" ? d.numExamples.low || d.numExamples.high : $Number(d.numExamples) !== 0) {
                        if ($util.Long)
                            m.numExamples = $util.Long.fromValue(d.numExamples, true);
                        else if (typeof d.numExamples === "string")
                            m.numExamples = $parseInt(d.numExamples, 10);
                        else if (typeof d.numExamples === "number")
                            m.numExamples = d.numExamples;
                        else if (typeof d.numExamples === "object")
                            m.numExamples = new $util.LongBits(d.numExamples.low >>> 0, d.numExamples.high >>> 0).toNumber(true);
                    }
                }
                if (d.trainLoss != null) {
                    if (!$Object.is($Number(d.trainLoss), 0)) {
                        m.trainLoss = $Number(d.trainLoss);
                    }
                }
                if (d.tokensPerSecond != null) {
                    if (!$Object.is($Number(d.tokensPerSecond), 0)) {
                        m.tokensPerSecond = $Number(d.tokensPerSecond);
                    }
                }
                if (d.steps != null) {
                    if ($Number(d.steps) !== 0) {
                        m.steps = d.steps >>> 0;
                    }
                }
                if (d.durationMs != null) {
                    if (typeof d.durationMs === "object" ? d.durationMs.low || d.durationMs.high : $Number(d.durationMs) !== 0) {
                        if ($util.Long)
                            m.durationMs = $util.Long.fromValue(d.durationMs, true);
                        else if (typeof d.durationMs === "string")
                            m.durationMs = $parseInt(d.durationMs, 10);
                        else if (typeof d.durationMs === "number")
                            m.durationMs = d.durationMs;
                        else if (typeof d.durationMs === "object")
                            m.durationMs = new $util.LongBits(d.durationMs.low >>> 0, d.durationMs.high >>> 0).toNumber(true);
                    }
                }
                if (d.updateId != null) {
                    if (typeof d.updateId !== "string" || d.updateId.length) {
                        m.updateId = $String(d.updateId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ClientUpdate message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.ClientUpdate
             * @static
             * @param {fedlora.v1.ClientUpdate} m ClientUpdate
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ClientUpdate.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.round = 0;
                    d.globalDigest = "";
                    d.update = null;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.numExamples = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.numExamples = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.trainLoss = 0;
                    d.tokensPerSecond = 0;
                    d.steps = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.durationMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.durationMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.updateId = "";
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.globalDigest != null && $Object.hasOwnProperty.call(m, "globalDigest")) {
                    d.globalDigest = m.globalDigest;
                }
                if (m.update != null && $Object.hasOwnProperty.call(m, "update")) {
                    d.update = $root.fedlora.v1.Adapter.toObject(m.update, o, q + 1);
                }
                if (m.numExamples != null && $Object.hasOwnProperty.call(m, "numExamples")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.numExamples = typeof m.numExamples === "number" ? $BigInt(m.numExamples) : $util.Long.fromBits(m.numExamples.low >>> 0, m.numExamples.high >>> 0, true).toBigInt();
                    else if (typeof m.numExamples === "number")
                        d.numExamples = o.longs === $String ? $String(m.numExamples) : m.numExamples;
                    else
                        d.numExamples = o.longs === $String ? $util.Long.prototype.toString.call(m.numExamples) : o.longs === $Number ? new $util.LongBits(m.numExamples.low >>> 0, m.numExamples.high >>> 0).toNumber(true) : m.numExamples;
                }
                if (m.trainLoss != null && $Object.hasOwnProperty.call(m, "trainLoss")) {
                    d.trainLoss = o.json && !$isFinite(m.trainLoss) ? $String(m.trainLoss) : m.trainLoss;
                }
                if (m.tokensPerSecond != null && $Object.hasOwnProperty.call(m, "tokensPerSecond")) {
                    d.tokensPerSecond = o.json && !$isFinite(m.tokensPerSecond) ? $String(m.tokensPerSecond) : m.tokensPerSecond;
                }
                if (m.steps != null && $Object.hasOwnProperty.call(m, "steps")) {
                    d.steps = m.steps;
                }
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.durationMs = typeof m.durationMs === "number" ? $BigInt(m.durationMs) : $util.Long.fromBits(m.durationMs.low >>> 0, m.durationMs.high >>> 0, true).toBigInt();
                    else if (typeof m.durationMs === "number")
                        d.durationMs = o.longs === $String ? $String(m.durationMs) : m.durationMs;
                    else
                        d.durationMs = o.longs === $String ? $util.Long.prototype.toString.call(m.durationMs) : o.longs === $Number ? new $util.LongBits(m.durationMs.low >>> 0, m.durationMs.high >>> 0).toNumber(true) : m.durationMs;
                }
                if (m.updateId != null && $Object.hasOwnProperty.call(m, "updateId")) {
                    d.updateId = m.updateId;
                }
                return d;
            };

            /**
             * Converts this ClientUpdate to JSON.
             * @function toJSON
             * @memberof fedlora.v1.ClientUpdate
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ClientUpdate.prototype.toJSON = function() {
                return ClientUpdate.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ClientUpdate
             * @function getTypeUrl
             * @memberof fedlora.v1.ClientUpdate
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ClientUpdate.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.ClientUpdate";
            };

            return ClientUpdate;
        })();

        v1.EvaluateInstruction = (function() {

            /**
             * Properties of an EvaluateInstruction.
             * @typedef {Object} fedlora.v1.EvaluateInstruction.$Properties
             * @property {number|null} [round] EvaluateInstruction round
             * @property {string|null} [digest] EvaluateInstruction digest
             * @property {fedlora.v1.Adapter.$Properties|null} [adapter] EvaluateInstruction adapter
             * @property {number|null} [maxSeqLen] EvaluateInstruction maxSeqLen
             * @property {fedlora.v1.LoraSpec.$Properties|null} [lora] EvaluateInstruction lora
             * @property {number|null} [deadlineUnixMs] EvaluateInstruction deadlineUnixMs
             * @property {Array.<string>|null} [qaSets] EvaluateInstruction qaSets
             * @property {number|null} [qaMaxNewTokens] EvaluateInstruction qaMaxNewTokens
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EvaluateInstruction.
             * @memberof fedlora.v1
             * @interface IEvaluateInstruction
             * @augments fedlora.v1.EvaluateInstruction.$Properties
             * @deprecated Use fedlora.v1.EvaluateInstruction.$Properties instead.
             */

            /**
             * Shape of an EvaluateInstruction.
             * @typedef {fedlora.v1.EvaluateInstruction.$Properties} fedlora.v1.EvaluateInstruction.$Shape
             */

            /**
             * Constructs a new EvaluateInstruction.
             * @memberof fedlora.v1
             * @classdesc Represents an EvaluateInstruction.
             * @constructor
             * @param {fedlora.v1.EvaluateInstruction.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EvaluateInstruction = function (p) {
                this.qaSets = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EvaluateInstruction round.
             * @member {number} round
             * @memberof fedlora.v1.EvaluateInstruction
             * @instance
             */
            EvaluateInstruction.prototype.round = 0;

            /**
             * EvaluateInstruction digest.
             * @member {string} digest
             * @memberof fedlora.v1.EvaluateInstruction
             * @instance
             */
            EvaluateInstruction.prototype.digest = "";

            /**
             * EvaluateInstruction adapter.
             * @member {fedlora.v1.Adapter.$Properties|null|undefined} adapter
             * @memberof fedlora.v1.EvaluateInstruction
             * @instance
             */
            EvaluateInstruction.prototype.adapter = null;

            /**
             * EvaluateInstruction maxSeqLen.
             * @member {number} maxSeqLen
             * @memberof fedlora.v1.EvaluateInstruction
             * @instance
             */
            EvaluateInstruction.prototype.maxSeqLen = 0;

            /**
             * EvaluateInstruction lora.
             * @member {fedlora.v1.LoraSpec.$Properties|null|undefined} lora
             * @memberof fedlora.v1.EvaluateInstruction
             * @instance
             */
            EvaluateInstruction.prototype.lora = null;

            /**
             * EvaluateInstruction deadlineUnixMs.
             * @member {number} deadlineUnixMs
             * @memberof fedlora.v1.EvaluateInstruction
             * @instance
             */
            EvaluateInstruction.prototype.deadlineUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EvaluateInstruction qaSets.
             * @member {Array.<string>} qaSets
             * @memberof fedlora.v1.EvaluateInstruction
             * @instance
             */
            EvaluateInstruction.prototype.qaSets = $util.emptyArray;

            /**
             * EvaluateInstruction qaMaxNewTokens.
             * @member {number} qaMaxNewTokens
             * @memberof fedlora.v1.EvaluateInstruction
             * @instance
             */
            EvaluateInstruction.prototype.qaMaxNewTokens = 0;

            /**
             * Creates a new EvaluateInstruction instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.EvaluateInstruction
             * @static
             * @param {fedlora.v1.EvaluateInstruction.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.EvaluateInstruction} EvaluateInstruction instance
             * @type {{
             *   (properties: fedlora.v1.EvaluateInstruction.$Shape): fedlora.v1.EvaluateInstruction & fedlora.v1.EvaluateInstruction.$Shape;
             *   (properties?: fedlora.v1.EvaluateInstruction.$Properties): fedlora.v1.EvaluateInstruction;
             * }}
             */
            EvaluateInstruction.create = function(properties) {
                return new EvaluateInstruction(properties);
            };

            /**
             * Encodes the specified EvaluateInstruction message. Does not implicitly {@link fedlora.v1.EvaluateInstruction.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.EvaluateInstruction
             * @static
             * @param {fedlora.v1.EvaluateInstruction.$Properties} m EvaluateInstruction message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EvaluateInstruction.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.digest != null && $Object.hasOwnProperty.call(m, "digest") && m.digest !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.digest);
                if (m.adapter != null && $Object.hasOwnProperty.call(m, "adapter"))
                    $root.fedlora.v1.Adapter.encode(m.adapter, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.maxSeqLen != null && $Object.hasOwnProperty.call(m, "maxSeqLen") && m.maxSeqLen !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.maxSeqLen);
                if (m.lora != null && $Object.hasOwnProperty.call(m, "lora"))
                    $root.fedlora.v1.LoraSpec.encode(m.lora, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs") && (typeof m.deadlineUnixMs === "object" ? m.deadlineUnixMs.low || m.deadlineUnixMs.high : m.deadlineUnixMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.deadlineUnixMs);
                if (m.qaSets != null && m.qaSets.length) {
                    for (var i = 0; i < m.qaSets.length; ++i)
                        w.uint32(/* id 7, wireType 2 =*/58).string(m.qaSets[i]);
                }
                if (m.qaMaxNewTokens != null && $Object.hasOwnProperty.call(m, "qaMaxNewTokens") && m.qaMaxNewTokens !== 0)
                    w.uint32(/* id 8, wireType 0 =*/64).uint32(m.qaMaxNewTokens);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an EvaluateInstruction message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.EvaluateInstruction
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.EvaluateInstruction & fedlora.v1.EvaluateInstruction.$Shape} EvaluateInstruction
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EvaluateInstruction.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.EvaluateInstruction();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.digest = v;
                            else
                                delete m.digest;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.adapter = $root.fedlora.v1.Adapter.decode(r, r.size(), $undefined, q + 1, m.adapter);
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.maxSeqLen = v;
                            else
                                delete m.maxSeqLen;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.lora = $root.fedlora.v1.LoraSpec.decode(r, r.size(), $undefined, q + 1, m.lora);
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.deadlineUnixMs = v;
                            else
                                delete m.deadlineUnixMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if (!(m.qaSets && m.qaSets.length))
                                m.qaSets = [];
                            m.qaSets.push(r.stringVerify());
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.qaMaxNewTokens = v;
                            else
                                delete m.qaMaxNewTokens;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an EvaluateInstruction message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.EvaluateInstruction
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.EvaluateInstruction} EvaluateInstruction
             */
            EvaluateInstruction.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.EvaluateInstruction)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.EvaluateInstruction: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.EvaluateInstruction();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.digest != null) {
                    if (typeof d.digest !== "string" || d.digest.length) {
                        m.digest = $String(d.digest);
                    }
                }
                if (d.adapter != null) {
                    if (!$util.isObject(d.adapter))
                        throw $TypeError(".fedlora.v1.EvaluateInstruction.adapter: object expected");
                    m.adapter = $root.fedlora.v1.Adapter.fromObject(d.adapter, q + 1);
                }
                if (d.maxSeqLen != null) {
                    if ($Number(d.maxSeqLen) !== 0) {
                        m.maxSeqLen = d.maxSeqLen >>> 0;
                    }
                }
                if (d.lora != null) {
                    if (!$util.isObject(d.lora))
                        throw $TypeError(".fedlora.v1.EvaluateInstruction.lora: object expected");
                    m.lora = $root.fedlora.v1.LoraSpec.fromObject(d.lora, q + 1);
                }
                if (d.deadlineUnixMs != null) {
                    if (typeof d.deadlineUnixMs === "object" ? d.deadlineUnixMs.low || d.deadlineUnixMs.high : $Number(d.deadlineUnixMs) !== 0) {
                        if ($util.Long)
                            m.deadlineUnixMs = $util.Long.fromValue(d.deadlineUnixMs, true);
                        else if (typeof d.deadlineUnixMs === "string")
                            m.deadlineUnixMs = $parseInt(d.deadlineUnixMs, 10);
                        else if (typeof d.deadlineUnixMs === "number")
                            m.deadlineUnixMs = d.deadlineUnixMs;
                        else if (typeof d.deadlineUnixMs === "object")
                            m.deadlineUnixMs = new $util.LongBits(d.deadlineUnixMs.low >>> 0, d.deadlineUnixMs.high >>> 0).toNumber(true);
                    }
                }
                if (d.qaSets) {
                    if (!$Array.isArray(d.qaSets))
                        throw $TypeError(".fedlora.v1.EvaluateInstruction.qaSets: array expected");
                    m.qaSets = $Array(d.qaSets.length);
                    for (var i = 0; i < d.qaSets.length; ++i) {
                        m.qaSets[i] = $String(d.qaSets[i]);
                    }
                }
                if (d.qaMaxNewTokens != null) {
                    if ($Number(d.qaMaxNewTokens) !== 0) {
                        m.qaMaxNewTokens = d.qaMaxNewTokens >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an EvaluateInstruction message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.EvaluateInstruction
             * @static
             * @param {fedlora.v1.EvaluateInstruction} m EvaluateInstruction
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EvaluateInstruction.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.qaSets = [];
                }
                if (o.defaults) {
                    d.round = 0;
                    d.digest = "";
                    d.adapter = null;
                    d.maxSeqLen = 0;
                    d.lora = null;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.deadlineUnixMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.deadlineUnixMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.qaMaxNewTokens = 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.digest != null && $Object.hasOwnProperty.call(m, "digest")) {
                    d.digest = m.digest;
                }
                if (m.adapter != null && $Object.hasOwnProperty.call(m, "adapter")) {
                    d.adapter = $root.fedlora.v1.Adapter.toObject(m.adapter, o, q + 1);
                }
                if (m.maxSeqLen != null && $Object.hasOwnProperty.call(m, "maxSeqLen")) {
                    d.maxSeqLen = m.maxSeqLen;
                }
                if (m.lora != null && $Object.hasOwnProperty.call(m, "lora")) {
                    d.lora = $root.fedlora.v1.LoraSpec.toObject(m.lora, o, q + 1);
                }
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.deadlineUnixMs = typeof m.deadlineUnixMs === "number" ? $BigInt(m.deadlineUnixMs) : $util.Long.fromBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0, true).toBigInt();
                    else if (typeof m.deadlineUnixMs === "number")
                        d.deadlineUnixMs = o.longs === $String ? $String(m.deadlineUnixMs) : m.deadlineUnixMs;
                    else
                        d.deadlineUnixMs = o.longs === $String ? $util.Long.prototype.toString.call(m.deadlineUnixMs) : o.longs === $Number ? new $util.LongBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0).toNumber(true) : m.deadlineUnixMs;
                }
                if (m.qaSets && m.qaSets.length) {
                    d.qaSets = $Array(m.qaSets.length);
                    for (var j = 0; j < m.qaSets.length; ++j) {
                        d.qaSets[j] = m.qaSets[j];
                    }
                }
                if (m.qaMaxNewTokens != null && $Object.hasOwnProperty.call(m, "qaMaxNewTokens")) {
                    d.qaMaxNewTokens = m.qaMaxNewTokens;
                }
                return d;
            };

            /**
             * Converts this EvaluateInstruction to JSON.
             * @function toJSON
             * @memberof fedlora.v1.EvaluateInstruction
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EvaluateInstruction.prototype.toJSON = function() {
                return EvaluateInstruction.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EvaluateInstruction
             * @function getTypeUrl
             * @memberof fedlora.v1.EvaluateInstruction
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EvaluateInstruction.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.EvaluateInstruction";
            };

            return EvaluateInstruction;
        })();

        v1.EvaluateResult = (function() {

            /**
             * Properties of an EvaluateResult.
             * @typedef {Object} fedlora.v1.EvaluateResult.$Properties
             * @property {number|null} [round] EvaluateResult round
             * @property {string|null} [digest] EvaluateResult digest
             * @property {number|null} [loss] EvaluateResult loss
             * @property {number|null} [numExamples] EvaluateResult numExamples
             * @property {Array.<fedlora.v1.SetEvaluation.$Properties>|null} [sets] EvaluateResult sets
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EvaluateResult.
             * @memberof fedlora.v1
             * @interface IEvaluateResult
             * @augments fedlora.v1.EvaluateResult.$Properties
             * @deprecated Use fedlora.v1.EvaluateResult.$Properties instead.
             */

            /**
             * Shape of an EvaluateResult.
             * @typedef {fedlora.v1.EvaluateResult.$Properties} fedlora.v1.EvaluateResult.$Shape
             */

            /**
             * Constructs a new EvaluateResult.
             * @memberof fedlora.v1
             * @classdesc Represents an EvaluateResult.
             * @constructor
             * @param {fedlora.v1.EvaluateResult.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EvaluateResult = function (p) {
                this.sets = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EvaluateResult round.
             * @member {number} round
             * @memberof fedlora.v1.EvaluateResult
             * @instance
             */
            EvaluateResult.prototype.round = 0;

            /**
             * EvaluateResult digest.
             * @member {string} digest
             * @memberof fedlora.v1.EvaluateResult
             * @instance
             */
            EvaluateResult.prototype.digest = "";

            /**
             * EvaluateResult loss.
             * @member {number} loss
             * @memberof fedlora.v1.EvaluateResult
             * @instance
             */
            EvaluateResult.prototype.loss = 0;

            /**
             * EvaluateResult numExamples.
             * @member {number} numExamples
             * @memberof fedlora.v1.EvaluateResult
             * @instance
             */
            EvaluateResult.prototype.numExamples = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EvaluateResult sets.
             * @member {Array.<fedlora.v1.SetEvaluation.$Properties>} sets
             * @memberof fedlora.v1.EvaluateResult
             * @instance
             */
            EvaluateResult.prototype.sets = $util.emptyArray;

            /**
             * Creates a new EvaluateResult instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.EvaluateResult
             * @static
             * @param {fedlora.v1.EvaluateResult.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.EvaluateResult} EvaluateResult instance
             * @type {{
             *   (properties: fedlora.v1.EvaluateResult.$Shape): fedlora.v1.EvaluateResult & fedlora.v1.EvaluateResult.$Shape;
             *   (properties?: fedlora.v1.EvaluateResult.$Properties): fedlora.v1.EvaluateResult;
             * }}
             */
            EvaluateResult.create = function(properties) {
                return new EvaluateResult(properties);
            };

            /**
             * Encodes the specified EvaluateResult message. Does not implicitly {@link fedlora.v1.EvaluateResult.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.EvaluateResult
             * @static
             * @param {fedlora.v1.EvaluateResult.$Properties} m EvaluateResult message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EvaluateResult.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.digest != null && $Object.hasOwnProperty.call(m, "digest") && m.digest !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.digest);
                if (m.loss != null && $Object.hasOwnProperty.call(m, "loss") && !$Object.is(m.loss, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.loss);
                if (m.numExamples != null && $Object.hasOwnProperty.call(m, "numExamples") && (typeof m.numExamples === "object" ? m.numExamples.low || m.numExamples.high : m.numExamples !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.numExamples);
                if (m.sets != null && m.sets.length) {
                    for (var i = 0; i < m.sets.length; ++i)
                        $root.fedlora.v1.SetEvaluation.encode(m.sets[i], w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an EvaluateResult message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.EvaluateResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.EvaluateResult & fedlora.v1.EvaluateResult.$Shape} EvaluateResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EvaluateResult.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.EvaluateResult();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.digest = v;
                            else
                                delete m.digest;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.loss = v;
                            else
                                delete m.loss;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.numExamples = v;
                            else
                                delete m.numExamples;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (!(m.sets && m.sets.length))
                                m.sets = [];
                            m.sets.push($root.fedlora.v1.SetEvaluation.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an EvaluateResult message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.EvaluateResult
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.EvaluateResult} EvaluateResult
             */
            EvaluateResult.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.EvaluateResult)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.EvaluateResult: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.EvaluateResult();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.digest != null) {
                    if (typeof d.digest !== "string" || d.digest.length) {
                        m.digest = $String(d.digest);
                    }
                }
                if (d.loss != null) {
                    if (!$Object.is($Number(d.loss), 0)) {
                        m.loss = $Number(d.loss);
                    }
                }
                if (d.numExamples != null) {
                    if (typeof d.numExamples === "object" ? d.numExamples.low || d.numExamples.high : $Number(d.numExamples) !== 0) {
                        if ($util.Long)
                            m.numExamples = $util.Long.fromValue(d.numExamples, true);
                        else if (typeof d.numExamples === "string")
                            m.numExamples = $parseInt(d.numExamples, 10);
                        else if (typeof d.numExamples === "number")
                            m.numExamples = d.numExamples;
                        else if (typeof d.numExamples === "object")
                            m.numExamples = new $util.LongBits(d.numExamples.low >>> 0, d.numExamples.high >>> 0).toNumber(true);
                    }
                }
                if (d.sets) {
                    if (!$Array.isArray(d.sets))
                        throw $TypeError(".fedlora.v1.EvaluateResult.sets: array expected");
                    m.sets = $Array(d.sets.length);
                    for (var i = 0; i < d.sets.length; ++i) {
                        if (!$util.isObject(d.sets[i]))
                            throw $TypeError(".fedlora.v1.EvaluateResult.sets: object expected");
                        m.sets[i] = $root.fedlora.v1.SetEvaluation.fromObject(d.sets[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an EvaluateResult message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.EvaluateResult
             * @static
             * @param {fedlora.v1.EvaluateResult} m EvaluateResult
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EvaluateResult.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.sets = [];
                }
                if (o.defaults) {
                    d.round = 0;
                    d.digest = "";
                    d.loss = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.numExamples = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.numExamples = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.digest != null && $Object.hasOwnProperty.call(m, "digest")) {
                    d.digest = m.digest;
                }
                if (m.loss != null && $Object.hasOwnProperty.call(m, "loss")) {
                    d.loss = o.json && !$isFinite(m.loss) ? $String(m.loss) : m.loss;
                }
                if (m.numExamples != null && $Object.hasOwnProperty.call(m, "numExamples")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.numExamples = typeof m.numExamples === "number" ? $BigInt(m.numExamples) : $util.Long.fromBits(m.numExamples.low >>> 0, m.numExamples.high >>> 0, true).toBigInt();
                    else if (typeof m.numExamples === "number")
                        d.numExamples = o.longs === $String ? $String(m.numExamples) : m.numExamples;
                    else
                        d.numExamples = o.longs === $String ? $util.Long.prototype.toString.call(m.numExamples) : o.longs === $Number ? new $util.LongBits(m.numExamples.low >>> 0, m.numExamples.high >>> 0).toNumber(true) : m.numExamples;
                }
                if (m.sets && m.sets.length) {
                    d.sets = $Array(m.sets.length);
                    for (var j = 0; j < m.sets.length; ++j) {
                        d.sets[j] = $root.fedlora.v1.SetEvaluation.toObject(m.sets[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this EvaluateResult to JSON.
             * @function toJSON
             * @memberof fedlora.v1.EvaluateResult
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EvaluateResult.prototype.toJSON = function() {
                return EvaluateResult.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EvaluateResult
             * @function getTypeUrl
             * @memberof fedlora.v1.EvaluateResult
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EvaluateResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.EvaluateResult";
            };

            return EvaluateResult;
        })();

        v1.SetEvaluation = (function() {

            /**
             * Properties of a SetEvaluation.
             * @typedef {Object} fedlora.v1.SetEvaluation.$Properties
             * @property {string|null} [name] SetEvaluation name
             * @property {number|null} [loss] SetEvaluation loss
             * @property {number|null} [numExamples] SetEvaluation numExamples
             * @property {boolean|null} [qa] SetEvaluation qa
             * @property {number|null} [exactMatch] SetEvaluation exactMatch
             * @property {number|null} [f1] SetEvaluation f1
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SetEvaluation.
             * @memberof fedlora.v1
             * @interface ISetEvaluation
             * @augments fedlora.v1.SetEvaluation.$Properties
             * @deprecated Use fedlora.v1.SetEvaluation.$Properties instead.
             */

            /**
             * Shape of a SetEvaluation.
             * @typedef {fedlora.v1.SetEvaluation.$Properties} fedlora.v1.SetEvaluation.$Shape
             */

            /**
             * Constructs a new SetEvaluation.
             * @memberof fedlora.v1
             * @classdesc Represents a SetEvaluation.
             * @constructor
             * @param {fedlora.v1.SetEvaluation.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SetEvaluation = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SetEvaluation name.
             * @member {string} name
             * @memberof fedlora.v1.SetEvaluation
             * @instance
             */
            SetEvaluation.prototype.name = "";

            /**
             * SetEvaluation loss.
             * @member {number} loss
             * @memberof fedlora.v1.SetEvaluation
             * @instance
             */
            SetEvaluation.prototype.loss = 0;

            /**
             * SetEvaluation numExamples.
             * @member {number} numExamples
             * @memberof fedlora.v1.SetEvaluation
             * @instance
             */
            SetEvaluation.prototype.numExamples = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SetEvaluation qa.
             * @member {boolean} qa
             * @memberof fedlora.v1.SetEvaluation
             * @instance
             */
            SetEvaluation.prototype.qa = false;

            /**
             * SetEvaluation exactMatch.
             * @member {number} exactMatch
             * @memberof fedlora.v1.SetEvaluation
             * @instance
             */
            SetEvaluation.prototype.exactMatch = 0;

            /**
             * SetEvaluation f1.
             * @member {number} f1
             * @memberof fedlora.v1.SetEvaluation
             * @instance
             */
            SetEvaluation.prototype.f1 = 0;

            /**
             * Creates a new SetEvaluation instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SetEvaluation
             * @static
             * @param {fedlora.v1.SetEvaluation.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SetEvaluation} SetEvaluation instance
             * @type {{
             *   (properties: fedlora.v1.SetEvaluation.$Shape): fedlora.v1.SetEvaluation & fedlora.v1.SetEvaluation.$Shape;
             *   (properties?: fedlora.v1.SetEvaluation.$Properties): fedlora.v1.SetEvaluation;
             * }}
             */
            SetEvaluation.create = function(properties) {
                return new SetEvaluation(properties);
            };

            /**
             * Encodes the specified SetEvaluation message. Does not implicitly {@link fedlora.v1.SetEvaluation.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SetEvaluation
             * @static
             * @param {fedlora.v1.SetEvaluation.$Properties} m SetEvaluation message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetEvaluation.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.loss != null && $Object.hasOwnProperty.call(m, "loss") && !$Object.is(m.loss, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.loss);
                if (m.numExamples != null && $Object.hasOwnProperty.call(m, "numExamples") && (typeof m.numExamples === "object" ? m.numExamples.low || m.numExamples.high : m.numExamples !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.numExamples);
                if (m.qa != null && $Object.hasOwnProperty.call(m, "qa") && m.qa !== false)
                    w.uint32(/* id 4, wireType 0 =*/32).bool(m.qa);
                if (m.exactMatch != null && $Object.hasOwnProperty.call(m, "exactMatch") && !$Object.is(m.exactMatch, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.exactMatch);
                if (m.f1 != null && $Object.hasOwnProperty.call(m, "f1") && !$Object.is(m.f1, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.f1);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SetEvaluation message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SetEvaluation
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SetEvaluation & fedlora.v1.SetEvaluation.$Shape} SetEvaluation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetEvaluation.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SetEvaluation();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.loss = v;
                            else
                                delete m.loss;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.numExamples = v;
                            else
                                delete m.numExamples;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.qa = v;
                            else
                                delete m.qa;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.exactMatch = v;
                            else
                                delete m.exactMatch;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.f1 = v;
                            else
                                delete m.f1;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SetEvaluation message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SetEvaluation
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SetEvaluation} SetEvaluation
             */
            SetEvaluation.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SetEvaluation)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SetEvaluation: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SetEvaluation();
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.loss != null) {
                    if (!$Object.is($Number(d.loss), 0)) {
                        m.loss = $Number(d.loss);
                    }
                }
                if (d.numExamples != null) {
                    if (typeof d.numExamples === "object" ? d.numExamples.low || d.numExamples.high : $Number(d.numExamples) !== 0) {
                        if ($util.Long)
                            m.numExamples = $util.Long.fromValue(d.numExamples, true);
                        else if (typeof d.numExamples === "string")
                            m.numExamples = $parseInt(d.numExamples, 10);
                        else if (typeof d.numExamples === "number")
                            m.numExamples = d.numExamples;
                        else if (typeof d.numExamples === "object")
                            m.numExamples = new $util.LongBits(d.numExamples.low >>> 0, d.numExamples.high >>> 0).toNumber(true);
                    }
                }
                if (d.qa != null) {
                    if (d.qa) {
                        m.qa = $Boolean(d.qa);
                    }
                }
                if (d.exactMatch != null) {
                    if (!$Object.is($Number(d.exactMatch), 0)) {
                        m.exactMatch = $Number(d.exactMatch);
                    }
                }
                if (d.f1 != null) {
                    if (!$Object.is($Number(d.f1), 0)) {
                        m.f1 = $Number(d.f1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SetEvaluation message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SetEvaluation
             * @static
             * @param {fedlora.v1.SetEvaluation} m SetEvaluation
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SetEvaluation.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.name = "";
                    d.loss = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.numExamples = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.numExamples = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.qa = false;
                    d.exactMatch = 0;
                    d.f1 = 0;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.loss != null && $Object.hasOwnProperty.call(m, "loss")) {
                    d.loss = o.json && !$isFinite(m.loss) ? $String(m.loss) : m.loss;
                }
                if (m.numExamples != null && $Object.hasOwnProperty.call(m, "numExamples")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.numExamples = typeof m.numExamples === "number" ? $BigInt(m.numExamples) : $util.Long.fromBits(m.numExamples.low >>> 0, m.numExamples.high >>> 0, true).toBigInt();
                    else if (typeof m.numExamples === "number")
                        d.numExamples = o.longs === $String ? $String(m.numExamples) : m.numExamples;
                    else
                        d.numExamples = o.longs === $String ? $util.Long.prototype.toString.call(m.numExamples) : o.longs === $Number ? new $util.LongBits(m.numExamples.low >>> 0, m.numExamples.high >>> 0).toNumber(true) : m.numExamples;
                }
                if (m.qa != null && $Object.hasOwnProperty.call(m, "qa")) {
                    d.qa = m.qa;
                }
                if (m.exactMatch != null && $Object.hasOwnProperty.call(m, "exactMatch")) {
                    d.exactMatch = o.json && !$isFinite(m.exactMatch) ? $String(m.exactMatch) : m.exactMatch;
                }
                if (m.f1 != null && $Object.hasOwnProperty.call(m, "f1")) {
                    d.f1 = o.json && !$isFinite(m.f1) ? $String(m.f1) : m.f1;
                }
                return d;
            };

            /**
             * Converts this SetEvaluation to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SetEvaluation
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SetEvaluation.prototype.toJSON = function() {
                return SetEvaluation.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SetEvaluation
             * @function getTypeUrl
             * @memberof fedlora.v1.SetEvaluation
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SetEvaluation.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SetEvaluation";
            };

            return SetEvaluation;
        })();

        v1.Ack = (function() {

            /**
             * Properties of an Ack.
             * @typedef {Object} fedlora.v1.Ack.$Properties
             * @property {number|null} [round] Ack round
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ack.
             * @memberof fedlora.v1
             * @interface IAck
             * @augments fedlora.v1.Ack.$Properties
             * @deprecated Use fedlora.v1.Ack.$Properties instead.
             */

            /**
             * Shape of an Ack.
             * @typedef {fedlora.v1.Ack.$Properties} fedlora.v1.Ack.$Shape
             */

            /**
             * Constructs a new Ack.
             * @memberof fedlora.v1
             * @classdesc Represents an Ack.
             * @constructor
             * @param {fedlora.v1.Ack.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ack = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Ack round.
             * @member {number} round
             * @memberof fedlora.v1.Ack
             * @instance
             */
            Ack.prototype.round = 0;

            /**
             * Creates a new Ack instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.Ack
             * @static
             * @param {fedlora.v1.Ack.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.Ack} Ack instance
             * @type {{
             *   (properties: fedlora.v1.Ack.$Shape): fedlora.v1.Ack & fedlora.v1.Ack.$Shape;
             *   (properties?: fedlora.v1.Ack.$Properties): fedlora.v1.Ack;
             * }}
             */
            Ack.create = function(properties) {
                return new Ack(properties);
            };

            /**
             * Encodes the specified Ack message. Does not implicitly {@link fedlora.v1.Ack.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.Ack
             * @static
             * @param {fedlora.v1.Ack.$Properties} m Ack message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.Ack & fedlora.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.Ack();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an Ack message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.Ack
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.Ack} Ack
             */
            Ack.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.Ack)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.Ack: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.Ack();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an Ack message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.Ack
             * @static
             * @param {fedlora.v1.Ack} m Ack
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Ack.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.round = 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                return d;
            };

            /**
             * Converts this Ack to JSON.
             * @function toJSON
             * @memberof fedlora.v1.Ack
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Ack.prototype.toJSON = function() {
                return Ack.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Ack
             * @function getTypeUrl
             * @memberof fedlora.v1.Ack
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ack.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.Ack";
            };

            return Ack;
        })();

        v1.RunFinished = (function() {

            /**
             * Properties of a RunFinished.
             * @typedef {Object} fedlora.v1.RunFinished.$Properties
             * @property {number|null} [roundsCompleted] RunFinished roundsCompleted
             * @property {string|null} [finalDigest] RunFinished finalDigest
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RunFinished.
             * @memberof fedlora.v1
             * @interface IRunFinished
             * @augments fedlora.v1.RunFinished.$Properties
             * @deprecated Use fedlora.v1.RunFinished.$Properties instead.
             */

            /**
             * Shape of a RunFinished.
             * @typedef {fedlora.v1.RunFinished.$Properties} fedlora.v1.RunFinished.$Shape
             */

            /**
             * Constructs a new RunFinished.
             * @memberof fedlora.v1
             * @classdesc Represents a RunFinished.
             * @constructor
             * @param {fedlora.v1.RunFinished.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RunFinished = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * RunFinished roundsCompleted.
             * @member {number} roundsCompleted
             * @memberof fedlora.v1.RunFinished
             * @instance
             */
            RunFinished.prototype.roundsCompleted = 0;

            /**
             * RunFinished finalDigest.
             * @member {string} finalDigest
             * @memberof fedlora.v1.RunFinished
             * @instance
             */
            RunFinished.prototype.finalDigest = "";

            /**
             * Creates a new RunFinished instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.RunFinished
             * @static
             * @param {fedlora.v1.RunFinished.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.RunFinished} RunFinished instance
             * @type {{
             *   (properties: fedlora.v1.RunFinished.$Shape): fedlora.v1.RunFinished & fedlora.v1.RunFinished.$Shape;
             *   (properties?: fedlora.v1.RunFinished.$Properties): fedlora.v1.RunFinished;
             * }}
             */
            RunFinished.create = function(properties) {
                return new RunFinished(properties);
            };

            /**
             * Encodes the specified RunFinished message. Does not implicitly {@link fedlora.v1.RunFinished.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.RunFinished
             * @static
             * @param {fedlora.v1.RunFinished.$Properties} m RunFinished message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RunFinished.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.roundsCompleted != null && $Object.hasOwnProperty.call(m, "roundsCompleted") && m.roundsCompleted !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.roundsCompleted);
                if (m.finalDigest != null && $Object.hasOwnProperty.call(m, "finalDigest") && m.finalDigest !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.finalDigest);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a RunFinished message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.RunFinished
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.RunFinished & fedlora.v1.RunFinished.$Shape} RunFinished
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RunFinished.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.RunFinished();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.roundsCompleted = v;
                            else
                                delete m.roundsCompleted;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.finalDigest = v;
                            else
                                delete m.finalDigest;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a RunFinished message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.RunFinished
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.RunFinished} RunFinished
             */
            RunFinished.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.RunFinished)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.RunFinished: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.RunFinished();
                if (d.roundsCompleted != null) {
                    if ($Number(d.roundsCompleted) !== 0) {
                        m.roundsCompleted = d.roundsCompleted >>> 0;
                    }
                }
                if (d.finalDigest != null) {
                    if (typeof d.finalDigest !== "string" || d.finalDigest.length) {
                        m.finalDigest = $String(d.finalDigest);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a RunFinished message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.RunFinished
             * @static
             * @param {fedlora.v1.RunFinished} m RunFinished
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RunFinished.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.roundsCompleted = 0;
                    d.finalDigest = "";
                }
                if (m.roundsCompleted != null && $Object.hasOwnProperty.call(m, "roundsCompleted")) {
                    d.roundsCompleted = m.roundsCompleted;
                }
                if (m.finalDigest != null && $Object.hasOwnProperty.call(m, "finalDigest")) {
                    d.finalDigest = m.finalDigest;
                }
                return d;
            };

            /**
             * Converts this RunFinished to JSON.
             * @function toJSON
             * @memberof fedlora.v1.RunFinished
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RunFinished.prototype.toJSON = function() {
                return RunFinished.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RunFinished
             * @function getTypeUrl
             * @memberof fedlora.v1.RunFinished
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RunFinished.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.RunFinished";
            };

            return RunFinished;
        })();

        /**
         * ErrorCode enum.
         * @name fedlora.v1.ErrorCode
         * @enum {number}
         * @property {number} ERROR_CODE_UNSPECIFIED=0 ERROR_CODE_UNSPECIFIED value
         * @property {number} MALFORMED_MESSAGE=1 MALFORMED_MESSAGE value
         * @property {number} STALE_ROUND=2 STALE_ROUND value
         * @property {number} TENSOR_MISMATCH=3 TENSOR_MISMATCH value
         * @property {number} NON_FINITE=4 NON_FINITE value
         * @property {number} MODEL_MISMATCH=5 MODEL_MISMATCH value
         * @property {number} NOT_SAMPLED=6 NOT_SAMPLED value
         * @property {number} PAYLOAD_TOO_LARGE=7 PAYLOAD_TOO_LARGE value
         * @property {number} UNAUTHORIZED=8 UNAUTHORIZED value
         * @property {number} PROTOCOL_VIOLATION=9 PROTOCOL_VIOLATION value
         * @property {number} NORM_EXCEEDED=10 NORM_EXCEEDED value
         */
        v1.ErrorCode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ERROR_CODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "MALFORMED_MESSAGE"] = 1;
            values[valuesById[2] = "STALE_ROUND"] = 2;
            values[valuesById[3] = "TENSOR_MISMATCH"] = 3;
            values[valuesById[4] = "NON_FINITE"] = 4;
            values[valuesById[5] = "MODEL_MISMATCH"] = 5;
            values[valuesById[6] = "NOT_SAMPLED"] = 6;
            values[valuesById[7] = "PAYLOAD_TOO_LARGE"] = 7;
            values[valuesById[8] = "UNAUTHORIZED"] = 8;
            values[valuesById[9] = "PROTOCOL_VIOLATION"] = 9;
            values[valuesById[10] = "NORM_EXCEEDED"] = 10;
            return values;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} fedlora.v1.Error.$Properties
             * @property {fedlora.v1.ErrorCode|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {number|null} [round] Error round
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof fedlora.v1
             * @interface IError
             * @augments fedlora.v1.Error.$Properties
             * @deprecated Use fedlora.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {fedlora.v1.Error.$Properties} fedlora.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof fedlora.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {fedlora.v1.Error.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Error code.
             * @member {fedlora.v1.ErrorCode} code
             * @memberof fedlora.v1.Error
             * @instance
             */
            Error.prototype.code = 0;

            /**
             * Error message.
             * @member {string} message
             * @memberof fedlora.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Error round.
             * @member {number} round
             * @memberof fedlora.v1.Error
             * @instance
             */
            Error.prototype.round = 0;

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.Error
             * @static
             * @param {fedlora.v1.Error.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.Error} Error instance
             * @type {{
             *   (properties: fedlora.v1.Error.$Shape): fedlora.v1.Error & fedlora.v1.Error.$Shape;
             *   (properties?: fedlora.v1.Error.$Properties): fedlora.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link fedlora.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.Error
             * @static
             * @param {fedlora.v1.Error.$Properties} m Error message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.code);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.message);
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.round);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.Error & fedlora.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.Error();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an Error message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.Error
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.Error} Error
             */
            Error.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.Error)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.Error: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.Error();
                if (d.code !== 0 && (typeof d.code !== "string" || $root.fedlora.v1.ErrorCode[d.code] !== 0)) {
                    switch (d.code) {
                    case "ERROR_CODE_UNSPECIFIED":
                    case 0:
                        m.code = 0;
                        break;
                    case "MALFORMED_MESSAGE":
                    case 1:
                        m.code = 1;
                        break;
                    case "STALE_ROUND":
                    case 2:
                        m.code = 2;
                        break;
                    case "TENSOR_MISMATCH":
                    case 3:
                        m.code = 3;
                        break;
                    case "NON_FINITE":
                    case 4:
                        m.code = 4;
                        break;
                    case "MODEL_MISMATCH":
                    case 5:
                        m.code = 5;
                        break;
                    case "NOT_SAMPLED":
                    case 6:
                        m.code = 6;
                        break;
                    case "PAYLOAD_TOO_LARGE":
                    case 7:
                        m.code = 7;
                        break;
                    case "UNAUTHORIZED":
                    case 8:
                        m.code = 8;
                        break;
                    case "PROTOCOL_VIOLATION":
                    case 9:
                        m.code = 9;
                        break;
                    case "NORM_EXCEEDED":
                    case 10:
                        m.code = 10;
                        break;
                    default:
                        if (typeof d.code === "number" && (d.code | 0) === d.code)
                            m.code = d.code;
                    }
                }
                if (d.message != null) {
                    if (typeof d.message !== "string" || d.message.length) {
                        m.message = $String(d.message);
                    }
                }
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an Error message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.Error
             * @static
             * @param {fedlora.v1.Error} m Error
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Error.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.code = o.enums === $String ? "ERROR_CODE_UNSPECIFIED" : 0;
                    d.message = "";
                    d.round = 0;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = o.enums === $String ? $root.fedlora.v1.ErrorCode[m.code] === $undefined ? m.code : $root.fedlora.v1.ErrorCode[m.code] : m.code;
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    d.message = m.message;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                return d;
            };

            /**
             * Converts this Error to JSON.
             * @function toJSON
             * @memberof fedlora.v1.Error
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Error.prototype.toJSON = function() {
                return Error.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Error
             * @function getTypeUrl
             * @memberof fedlora.v1.Error
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Error.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.Error";
            };

            return Error;
        })();

        v1.Chunk = (function() {

            /**
             * Properties of a Chunk.
             * @typedef {Object} fedlora.v1.Chunk.$Properties
             * @property {string|null} [transferId] Chunk transferId
             * @property {number|null} [index] Chunk index
             * @property {number|null} [count] Chunk count
             * @property {number|null} [totalBytes] Chunk totalBytes
             * @property {Uint8Array|null} [payloadSha256] Chunk payloadSha256
             * @property {Uint8Array|null} [data] Chunk data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Chunk.
             * @memberof fedlora.v1
             * @interface IChunk
             * @augments fedlora.v1.Chunk.$Properties
             * @deprecated Use fedlora.v1.Chunk.$Properties instead.
             */

            /**
             * Shape of a Chunk.
             * @typedef {fedlora.v1.Chunk.$Properties} fedlora.v1.Chunk.$Shape
             */

            /**
             * Constructs a new Chunk.
             * @memberof fedlora.v1
             * @classdesc Represents a Chunk.
             * @constructor
             * @param {fedlora.v1.Chunk.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Chunk = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Chunk transferId.
             * @member {string} transferId
             * @memberof fedlora.v1.Chunk
             * @instance
             */
            Chunk.prototype.transferId = "";

            /**
             * Chunk index.
             * @member {number} index
             * @memberof fedlora.v1.Chunk
             * @instance
             */
            Chunk.prototype.index = 0;

            /**
             * Chunk count.
             * @member {number} count
             * @memberof fedlora.v1.Chunk
             * @instance
             */
            Chunk.prototype.count = 0;

            /**
             * Chunk totalBytes.
             * @member {number} totalBytes
             * @memberof fedlora.v1.Chunk
             * @instance
             */
            Chunk.prototype.totalBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Chunk payloadSha256.
             * @member {Uint8Array} payloadSha256
             * @memberof fedlora.v1.Chunk
             * @instance
             */
            Chunk.prototype.payloadSha256 = $util.newBuffer([]);

            /**
             * Chunk data.
             * @member {Uint8Array} data
             * @memberof fedlora.v1.Chunk
             * @instance
             */
            Chunk.prototype.data = $util.newBuffer([]);

            /**
             * Creates a new Chunk instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.Chunk
             * @static
             * @param {fedlora.v1.Chunk.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.Chunk} Chunk instance
             * @type {{
             *   (properties: fedlora.v1.Chunk.$Shape): fedlora.v1.Chunk & fedlora.v1.Chunk.$Shape;
             *   (properties?: fedlora.v1.Chunk.$Properties): fedlora.v1.Chunk;
             * }}
             */
            Chunk.create = function(properties) {
                return new Chunk(properties);
            };

            /**
             * Encodes the specified Chunk message. Does not implicitly {@link fedlora.v1.Chunk.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.Chunk
             * @static
             * @param {fedlora.v1.Chunk.$Properties} m Chunk message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Chunk.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.transferId != null && $Object.hasOwnProperty.call(m, "transferId") && m.transferId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.transferId);
                if (m.index != null && $Object.hasOwnProperty.call(m, "index") && m.index !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.index);
                if (m.count != null && $Object.hasOwnProperty.call(m, "count") && m.count !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.count);
                if (m.totalBytes != null && $Object.hasOwnProperty.call(m, "totalBytes") && (typeof m.totalBytes === "object" ? m.totalBytes.low || m.totalBytes.high : m.totalBytes !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.totalBytes);
                if (m.payloadSha256 != null && $Object.hasOwnProperty.call(m, "payloadSha256") && m.payloadSha256.length)
                    w.uint32(/* id 5, wireType 2 =*/42).bytes(m.payloadSha256);
                if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                    w.uint32(/* id 6, wireType 2 =*/50).bytes(m.data);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Chunk message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.Chunk
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.Chunk & fedlora.v1.Chunk.$Shape} Chunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Chunk.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.Chunk();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.transferId = v;
                            else
                                delete m.transferId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.index = v;
                            else
                                delete m.index;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.count = v;
                            else
                                delete m.count;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.totalBytes = v;
                            else
                                delete m.totalBytes;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.payloadSha256 = v;
                            else
                                delete m.payloadSha256;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.data = v;
                            else
                                delete m.data;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Chunk message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.Chunk
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.Chunk} Chunk
             */
            Chunk.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.Chunk)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.Chunk: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.Chunk();
                if (d.transferId != null) {
                    if (typeof d.transferId !== "string" || d.transferId.length) {
                        m.transferId = $String(d.transferId);
                    }
                }
                if (d.index != null) {
                    if ($Number(d.index) !== 0) {
                        m.index = d.index >>> 0;
                    }
                }
                if (d.count != null) {
                    if ($Number(d.count) !== 0) {
                        m.count = d.count >>> 0;
                    }
                }
                if (d.totalBytes != null) {
                    if (typeof d.totalBytes === "object" ? d.totalBytes.low || d.totalBytes.high : $Number(d.totalBytes) !== 0) {
                        if ($util.Long)
                            m.totalBytes = $util.Long.fromValue(d.totalBytes, true);
                        else if (typeof d.totalBytes === "string")
                            m.totalBytes = $parseInt(d.totalBytes, 10);
                        else if (typeof d.totalBytes === "number")
                            m.totalBytes = d.totalBytes;
                        else if (typeof d.totalBytes === "object")
                            m.totalBytes = new $util.LongBits(d.totalBytes.low >>> 0, d.totalBytes.high >>> 0).toNumber(true);
                    }
                }
                if (d.payloadSha256 != null) {
                    if (d.payloadSha256.length) {
                        if (typeof d.payloadSha256 === "string")
                            $util.base64.decode(d.payloadSha256, m.payloadSha256 = $util.newBuffer($util.base64.length(d.payloadSha256)), 0);
                        else if (d.payloadSha256.length >= 0)
                            m.payloadSha256 = d.payloadSha256;
                    }
                }
                if (d.data != null) {
                    if (d.data.length) {
                        if (typeof d.data === "string")
                            $util.base64.decode(d.data, m.data = $util.newBuffer($util.base64.length(d.data)), 0);
                        else if (d.data.length >= 0)
                            m.data = d.data;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Chunk message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.Chunk
             * @static
             * @param {fedlora.v1.Chunk} m Chunk
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Chunk.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.transferId = "";
                    d.index = 0;
                    d.count = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.totalBytes = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.totalBytes = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if (o.bytes === $String)
                        d.payloadSha256 = "";
                    else {
                        d.payloadSha256 = [];
                        if (o.bytes !== $Array)
                            d.payloadSha256 = $util.newBuffer(d.payloadSha256);
                    }
                    if (o.bytes === $String)
                        d.data = "";
                    else {
                        d.data = [];
                        if (o.bytes !== $Array)
                            d.data = $util.newBuffer(d.data);
                    }
                }
                if (m.transferId != null && $Object.hasOwnProperty.call(m, "transferId")) {
                    d.transferId = m.transferId;
                }
                if (m.index != null && $Object.hasOwnProperty.call(m, "index")) {
                    d.index = m.index;
                }
                if (m.count != null && $Object.hasOwnProperty.call(m, "count")) {
                    d.count = m.count;
                }
                if (m.totalBytes != null && $Object.hasOwnProperty.call(m, "totalBytes")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.totalBytes = typeof m.totalBytes === "number" ? $BigInt(m.totalBytes) : $util.Long.fromBits(m.totalBytes.low >>> 0, m.totalBytes.high >>> 0, true).toBigInt();
                    else if (typeof m.totalBytes === "number")
                        d.totalBytes = o.longs === $String ? $String(m.totalBytes) : m.totalBytes;
                    else
                        d.totalBytes = o.longs === $String ? $util.Long.prototype.toString.call(m.totalBytes) : o.longs === $Number ? new $util.LongBits(m.totalBytes.low >>> 0, m.totalBytes.high >>> 0).toNumber(true) : m.totalBytes;
                }
                if (m.payloadSha256 != null && $Object.hasOwnProperty.call(m, "payloadSha256")) {
                    d.payloadSha256 = o.bytes === $String ? $util.base64.encode(m.payloadSha256, 0, m.payloadSha256.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.payloadSha256) : m.payloadSha256;
                }
                if (m.data != null && $Object.hasOwnProperty.call(m, "data")) {
                    d.data = o.bytes === $String ? $util.base64.encode(m.data, 0, m.data.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.data) : m.data;
                }
                return d;
            };

            /**
             * Converts this Chunk to JSON.
             * @function toJSON
             * @memberof fedlora.v1.Chunk
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Chunk.prototype.toJSON = function() {
                return Chunk.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Chunk
             * @function getTypeUrl
             * @memberof fedlora.v1.Chunk
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Chunk.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.Chunk";
            };

            return Chunk;
        })();

        v1.ChunkAck = (function() {

            /**
             * Properties of a ChunkAck.
             * @typedef {Object} fedlora.v1.ChunkAck.$Properties
             * @property {string|null} [transferId] ChunkAck transferId
             * @property {number|null} [nextIndex] ChunkAck nextIndex
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ChunkAck.
             * @memberof fedlora.v1
             * @interface IChunkAck
             * @augments fedlora.v1.ChunkAck.$Properties
             * @deprecated Use fedlora.v1.ChunkAck.$Properties instead.
             */

            /**
             * Shape of a ChunkAck.
             * @typedef {fedlora.v1.ChunkAck.$Properties} fedlora.v1.ChunkAck.$Shape
             */

            /**
             * Constructs a new ChunkAck.
             * @memberof fedlora.v1
             * @classdesc Represents a ChunkAck.
             * @constructor
             * @param {fedlora.v1.ChunkAck.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ChunkAck = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ChunkAck transferId.
             * @member {string} transferId
             * @memberof fedlora.v1.ChunkAck
             * @instance
             */
            ChunkAck.prototype.transferId = "";

            /**
             * ChunkAck nextIndex.
             * @member {number} nextIndex
             * @memberof fedlora.v1.ChunkAck
             * @instance
             */
            ChunkAck.prototype.nextIndex = 0;

            /**
             * Creates a new ChunkAck instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.ChunkAck
             * @static
             * @param {fedlora.v1.ChunkAck.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.ChunkAck} ChunkAck instance
             * @type {{
             *   (properties: fedlora.v1.ChunkAck.$Shape): fedlora.v1.ChunkAck & fedlora.v1.ChunkAck.$Shape;
             *   (properties?: fedlora.v1.ChunkAck.$Properties): fedlora.v1.ChunkAck;
             * }}
             */
            ChunkAck.create = function(properties) {
                return new ChunkAck(properties);
            };

            /**
             * Encodes the specified ChunkAck message. Does not implicitly {@link fedlora.v1.ChunkAck.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.ChunkAck
             * @static
             * @param {fedlora.v1.ChunkAck.$Properties} m ChunkAck message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChunkAck.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.transferId != null && $Object.hasOwnProperty.call(m, "transferId") && m.transferId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.transferId);
                if (m.nextIndex != null && $Object.hasOwnProperty.call(m, "nextIndex") && m.nextIndex !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.nextIndex);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ChunkAck message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.ChunkAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.ChunkAck & fedlora.v1.ChunkAck.$Shape} ChunkAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChunkAck.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.ChunkAck();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.transferId = v;
                            else
                                delete m.transferId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.nextIndex = v;
                            else
                                delete m.nextIndex;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ChunkAck message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.ChunkAck
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.ChunkAck} ChunkAck
             */
            ChunkAck.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.ChunkAck)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.ChunkAck: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.ChunkAck();
                if (d.transferId != null) {
                    if (typeof d.transferId !== "string" || d.transferId.length) {
                        m.transferId = $String(d.transferId);
                    }
                }
                if (d.nextIndex != null) {
                    if ($Number(d.nextIndex) !== 0) {
                        m.nextIndex = d.nextIndex >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ChunkAck message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.ChunkAck
             * @static
             * @param {fedlora.v1.ChunkAck} m ChunkAck
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ChunkAck.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.transferId = "";
                    d.nextIndex = 0;
                }
                if (m.transferId != null && $Object.hasOwnProperty.call(m, "transferId")) {
                    d.transferId = m.transferId;
                }
                if (m.nextIndex != null && $Object.hasOwnProperty.call(m, "nextIndex")) {
                    d.nextIndex = m.nextIndex;
                }
                return d;
            };

            /**
             * Converts this ChunkAck to JSON.
             * @function toJSON
             * @memberof fedlora.v1.ChunkAck
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ChunkAck.prototype.toJSON = function() {
                return ChunkAck.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ChunkAck
             * @function getTypeUrl
             * @memberof fedlora.v1.ChunkAck
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ChunkAck.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.ChunkAck";
            };

            return ChunkAck;
        })();

        v1.UploadRequest = (function() {

            /**
             * Properties of an UploadRequest.
             * @typedef {Object} fedlora.v1.UploadRequest.$Properties
             * @property {number|null} [round] UploadRequest round
             * @property {string|null} [updateId] UploadRequest updateId
             * @property {number|null} [bytes] UploadRequest bytes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an UploadRequest.
             * @memberof fedlora.v1
             * @interface IUploadRequest
             * @augments fedlora.v1.UploadRequest.$Properties
             * @deprecated Use fedlora.v1.UploadRequest.$Properties instead.
             */

            /**
             * Shape of an UploadRequest.
             * @typedef {fedlora.v1.UploadRequest.$Properties} fedlora.v1.UploadRequest.$Shape
             */

            /**
             * Constructs a new UploadRequest.
             * @memberof fedlora.v1
             * @classdesc Represents an UploadRequest.
             * @constructor
             * @param {fedlora.v1.UploadRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UploadRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * UploadRequest round.
             * @member {number} round
             * @memberof fedlora.v1.UploadRequest
             * @instance
             */
            UploadRequest.prototype.round = 0;

            /**
             * UploadRequest updateId.
             * @member {string} updateId
             * @memberof fedlora.v1.UploadRequest
             * @instance
             */
            UploadRequest.prototype.updateId = "";

            /**
             * UploadRequest bytes.
             * @member {number} bytes
             * @memberof fedlora.v1.UploadRequest
             * @instance
             */
            UploadRequest.prototype.bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new UploadRequest instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.UploadRequest
             * @static
             * @param {fedlora.v1.UploadRequest.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.UploadRequest} UploadRequest instance
             * @type {{
             *   (properties: fedlora.v1.UploadRequest.$Shape): fedlora.v1.UploadRequest & fedlora.v1.UploadRequest.$Shape;
             *   (properties?: fedlora.v1.UploadRequest.$Properties): fedlora.v1.UploadRequest;
             * }}
             */
            UploadRequest.create = function(properties) {
                return new UploadRequest(properties);
            };

            /**
             * Encodes the specified UploadRequest message. Does not implicitly {@link fedlora.v1.UploadRequest.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.UploadRequest
             * @static
             * @param {fedlora.v1.UploadRequest.$Properties} m UploadRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UploadRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.updateId != null && $Object.hasOwnProperty.call(m, "updateId") && m.updateId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.updateId);
                if (m.bytes != null && $Object.hasOwnProperty.call(m, "bytes") && (typeof m.bytes === "object" ? m.bytes.low || m.bytes.high : m.bytes !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.bytes);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an UploadRequest message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.UploadRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.UploadRequest & fedlora.v1.UploadRequest.$Shape} UploadRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UploadRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.UploadRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.updateId = v;
                            else
                                delete m.updateId;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.bytes = v;
                            else
                                delete m.bytes;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an UploadRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.UploadRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.UploadRequest} UploadRequest
             */
            UploadRequest.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.UploadRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.UploadRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.UploadRequest();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.updateId != null) {
                    if (typeof d.updateId !== "string" || d.updateId.length) {
                        m.updateId = $String(d.updateId);
                    }
                }
                if (d.bytes != null) {
                    if (typeof d.bytes === "object" ? d.bytes.low || d.bytes.high : $Number(d.bytes) !== 0) {
                        if ($util.Long)
                            m.bytes = $util.Long.fromValue(d.bytes, true);
                        else if (typeof d.bytes === "string")
                            m.bytes = $parseInt(d.bytes, 10);
                        else if (typeof d.bytes === "number")
                            m.bytes = d.bytes;
                        else if (typeof d.bytes === "object")
                            m.bytes = new $util.LongBits(d.bytes.low >>> 0, d.bytes.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an UploadRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.UploadRequest
             * @static
             * @param {fedlora.v1.UploadRequest} m UploadRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            UploadRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.round = 0;
                    d.updateId = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.bytes = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.bytes = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.updateId != null && $Object.hasOwnProperty.call(m, "updateId")) {
                    d.updateId = m.updateId;
                }
                if (m.bytes != null && $Object.hasOwnProperty.call(m, "bytes")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.bytes = typeof m.bytes === "number" ? $BigInt(m.bytes) : $util.Long.fromBits(m.bytes.low >>> 0, m.bytes.high >>> 0, true).toBigInt();
                    else if (typeof m.bytes === "number")
                        d.bytes = o.longs === $String ? $String(m.bytes) : m.bytes;
                    else
                        d.bytes = o.longs === $String ? $util.Long.prototype.toString.call(m.bytes) : o.longs === $Number ? new $util.LongBits(m.bytes.low >>> 0, m.bytes.high >>> 0).toNumber(true) : m.bytes;
                }
                return d;
            };

            /**
             * Converts this UploadRequest to JSON.
             * @function toJSON
             * @memberof fedlora.v1.UploadRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            UploadRequest.prototype.toJSON = function() {
                return UploadRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for UploadRequest
             * @function getTypeUrl
             * @memberof fedlora.v1.UploadRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            UploadRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.UploadRequest";
            };

            return UploadRequest;
        })();

        v1.UploadGrant = (function() {

            /**
             * Properties of an UploadGrant.
             * @typedef {Object} fedlora.v1.UploadGrant.$Properties
             * @property {number|null} [round] UploadGrant round
             * @property {string|null} [updateId] UploadGrant updateId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an UploadGrant.
             * @memberof fedlora.v1
             * @interface IUploadGrant
             * @augments fedlora.v1.UploadGrant.$Properties
             * @deprecated Use fedlora.v1.UploadGrant.$Properties instead.
             */

            /**
             * Shape of an UploadGrant.
             * @typedef {fedlora.v1.UploadGrant.$Properties} fedlora.v1.UploadGrant.$Shape
             */

            /**
             * Constructs a new UploadGrant.
             * @memberof fedlora.v1
             * @classdesc Represents an UploadGrant.
             * @constructor
             * @param {fedlora.v1.UploadGrant.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UploadGrant = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * UploadGrant round.
             * @member {number} round
             * @memberof fedlora.v1.UploadGrant
             * @instance
             */
            UploadGrant.prototype.round = 0;

            /**
             * UploadGrant updateId.
             * @member {string} updateId
             * @memberof fedlora.v1.UploadGrant
             * @instance
             */
            UploadGrant.prototype.updateId = "";

            /**
             * Creates a new UploadGrant instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.UploadGrant
             * @static
             * @param {fedlora.v1.UploadGrant.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.UploadGrant} UploadGrant instance
             * @type {{
             *   (properties: fedlora.v1.UploadGrant.$Shape): fedlora.v1.UploadGrant & fedlora.v1.UploadGrant.$Shape;
             *   (properties?: fedlora.v1.UploadGrant.$Properties): fedlora.v1.UploadGrant;
             * }}
             */
            UploadGrant.create = function(properties) {
                return new UploadGrant(properties);
            };

            /**
             * Encodes the specified UploadGrant message. Does not implicitly {@link fedlora.v1.UploadGrant.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.UploadGrant
             * @static
             * @param {fedlora.v1.UploadGrant.$Properties} m UploadGrant message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UploadGrant.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.updateId != null && $Object.hasOwnProperty.call(m, "updateId") && m.updateId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.updateId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an UploadGrant message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.UploadGrant
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.UploadGrant & fedlora.v1.UploadGrant.$Shape} UploadGrant
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UploadGrant.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.UploadGrant();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.updateId = v;
                            else
                                delete m.updateId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an UploadGrant message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.UploadGrant
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.UploadGrant} UploadGrant
             */
            UploadGrant.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.UploadGrant)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.UploadGrant: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.UploadGrant();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.updateId != null) {
                    if (typeof d.updateId !== "string" || d.updateId.length) {
                        m.updateId = $String(d.updateId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an UploadGrant message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.UploadGrant
             * @static
             * @param {fedlora.v1.UploadGrant} m UploadGrant
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            UploadGrant.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.round = 0;
                    d.updateId = "";
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.updateId != null && $Object.hasOwnProperty.call(m, "updateId")) {
                    d.updateId = m.updateId;
                }
                return d;
            };

            /**
             * Converts this UploadGrant to JSON.
             * @function toJSON
             * @memberof fedlora.v1.UploadGrant
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            UploadGrant.prototype.toJSON = function() {
                return UploadGrant.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for UploadGrant
             * @function getTypeUrl
             * @memberof fedlora.v1.UploadGrant
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            UploadGrant.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.UploadGrant";
            };

            return UploadGrant;
        })();

        v1.Envelope = (function() {

            /**
             * Properties of an Envelope.
             * @typedef {Object} fedlora.v1.Envelope.$Properties
             * @property {fedlora.v1.ClientHello.$Properties|null} [hello] Envelope hello
             * @property {fedlora.v1.Welcome.$Properties|null} [welcome] Envelope welcome
             * @property {fedlora.v1.TrainInstruction.$Properties|null} [train] Envelope train
             * @property {fedlora.v1.ClientUpdate.$Properties|null} [update] Envelope update
             * @property {fedlora.v1.EvaluateInstruction.$Properties|null} [evaluate] Envelope evaluate
             * @property {fedlora.v1.EvaluateResult.$Properties|null} [evaluation] Envelope evaluation
             * @property {fedlora.v1.Ack.$Properties|null} [ack] Envelope ack
             * @property {fedlora.v1.RunFinished.$Properties|null} [finished] Envelope finished
             * @property {fedlora.v1.Error.$Properties|null} [error] Envelope error
             * @property {fedlora.v1.Chunk.$Properties|null} [chunk] Envelope chunk
             * @property {fedlora.v1.ChunkAck.$Properties|null} [chunkAck] Envelope chunkAck
             * @property {fedlora.v1.UploadRequest.$Properties|null} [uploadRequest] Envelope uploadRequest
             * @property {fedlora.v1.UploadGrant.$Properties|null} [uploadGrant] Envelope uploadGrant
             * @property {fedlora.v1.SecAggKeys.$Properties|null} [secaggKeys] Envelope secaggKeys
             * @property {fedlora.v1.SecAggRoster.$Properties|null} [secaggRoster] Envelope secaggRoster
             * @property {fedlora.v1.SecAggShares.$Properties|null} [secaggShares] Envelope secaggShares
             * @property {fedlora.v1.SecAggMaskRequest.$Properties|null} [secaggMaskRequest] Envelope secaggMaskRequest
             * @property {fedlora.v1.SecAggMasked.$Properties|null} [secaggMasked] Envelope secaggMasked
             * @property {fedlora.v1.SecAggUnmaskRequest.$Properties|null} [secaggUnmaskRequest] Envelope secaggUnmaskRequest
             * @property {fedlora.v1.SecAggUnmask.$Properties|null} [secaggUnmask] Envelope secaggUnmask
             * @property {"hello"|"welcome"|"train"|"update"|"evaluate"|"evaluation"|"ack"|"finished"|"error"|"chunk"|"chunkAck"|"uploadRequest"|"uploadGrant"|"secaggKeys"|"secaggRoster"|"secaggShares"|"secaggMaskRequest"|"secaggMasked"|"secaggUnmaskRequest"|"secaggUnmask"} [body] Envelope body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Envelope.
             * @memberof fedlora.v1
             * @interface IEnvelope
             * @augments fedlora.v1.Envelope.$Properties
             * @deprecated Use fedlora.v1.Envelope.$Properties instead.
             */

            /**
             * Narrowed shape of an Envelope.
             * @typedef {{
             *   hello?: fedlora.v1.ClientHello.$Shape|null;
             *   welcome?: fedlora.v1.Welcome.$Shape|null;
             *   train?: fedlora.v1.TrainInstruction.$Shape|null;
             *   update?: fedlora.v1.ClientUpdate.$Shape|null;
             *   evaluate?: fedlora.v1.EvaluateInstruction.$Shape|null;
             *   evaluation?: fedlora.v1.EvaluateResult.$Shape|null;
             *   ack?: fedlora.v1.Ack.$Shape|null;
             *   finished?: fedlora.v1.RunFinished.$Shape|null;
             *   error?: fedlora.v1.Error.$Shape|null;
             *   chunk?: fedlora.v1.Chunk.$Shape|null;
             *   chunkAck?: fedlora.v1.ChunkAck.$Shape|null;
             *   uploadRequest?: fedlora.v1.UploadRequest.$Shape|null;
             *   uploadGrant?: fedlora.v1.UploadGrant.$Shape|null;
             *   secaggKeys?: fedlora.v1.SecAggKeys.$Shape|null;
             *   secaggRoster?: fedlora.v1.SecAggRoster.$Shape|null;
             *   secaggShares?: fedlora.v1.SecAggShares.$Shape|null;
             *   secaggMaskRequest?: fedlora.v1.SecAggMaskRequest.$Shape|null;
             *   secaggMasked?: fedlora.v1.SecAggMasked.$Shape|null;
             *   secaggUnmaskRequest?: fedlora.v1.SecAggUnmaskRequest.$Shape|null;
             *   secaggUnmask?: fedlora.v1.SecAggUnmask.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "hello"; hello: fedlora.v1.ClientHello.$Shape; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "welcome"; hello?: null; welcome: fedlora.v1.Welcome.$Shape; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "train"; hello?: null; welcome?: null; train: fedlora.v1.TrainInstruction.$Shape; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "update"; hello?: null; welcome?: null; train?: null; update: fedlora.v1.ClientUpdate.$Shape; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "evaluate"; hello?: null; welcome?: null; train?: null; update?: null; evaluate: fedlora.v1.EvaluateInstruction.$Shape; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "evaluation"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation: fedlora.v1.EvaluateResult.$Shape; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "ack"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack: fedlora.v1.Ack.$Shape; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "finished"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished: fedlora.v1.RunFinished.$Shape; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "error"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error: fedlora.v1.Error.$Shape; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "chunk"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk: fedlora.v1.Chunk.$Shape; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "chunkAck"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck: fedlora.v1.ChunkAck.$Shape; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "uploadRequest"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest: fedlora.v1.UploadRequest.$Shape; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "uploadGrant"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant: fedlora.v1.UploadGrant.$Shape; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggKeys"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys: fedlora.v1.SecAggKeys.$Shape; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggRoster"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster: fedlora.v1.SecAggRoster.$Shape; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggShares"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares: fedlora.v1.SecAggShares.$Shape; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggMaskRequest"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest: fedlora.v1.SecAggMaskRequest.$Shape; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggMasked"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked: fedlora.v1.SecAggMasked.$Shape; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggUnmaskRequest"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest: fedlora.v1.SecAggUnmaskRequest.$Shape; secaggUnmask?: null }|{ body?: "secaggUnmask"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask: fedlora.v1.SecAggUnmask.$Shape })
             * )} fedlora.v1.Envelope.$Shape
             */

            /**
             * Constructs a new Envelope.
             * @memberof fedlora.v1
             * @classdesc Represents an Envelope.
             * @constructor
             * @param {fedlora.v1.Envelope.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Envelope = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Envelope hello.
             * @member {fedlora.v1.ClientHello.$Properties|null|undefined} hello
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.hello = null;

            /**
             * Envelope welcome.
             * @member {fedlora.v1.Welcome.$Properties|null|undefined} welcome
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.welcome = null;

            /**
             * Envelope train.
             * @member {fedlora.v1.TrainInstruction.$Properties|null|undefined} train
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.train = null;

            /**
             * Envelope update.
             * @member {fedlora.v1.ClientUpdate.$Properties|null|undefined} update
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.update = null;

            /**
             * Envelope evaluate.
             * @member {fedlora.v1.EvaluateInstruction.$Properties|null|undefined} evaluate
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.evaluate = null;

            /**
             * Envelope evaluation.
             * @member {fedlora.v1.EvaluateResult.$Properties|null|undefined} evaluation
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.evaluation = null;

            /**
             * Envelope ack.
             * @member {fedlora.v1.Ack.$Properties|null|undefined} ack
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.ack = null;

            /**
             * Envelope finished.
             * @member {fedlora.v1.RunFinished.$Properties|null|undefined} finished
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.finished = null;

            /**
             * Envelope error.
             * @member {fedlora.v1.Error.$Properties|null|undefined} error
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.error = null;

            /**
             * Envelope chunk.
             * @member {fedlora.v1.Chunk.$Properties|null|undefined} chunk
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.chunk = null;

            /**
             * Envelope chunkAck.
             * @member {fedlora.v1.ChunkAck.$Properties|null|undefined} chunkAck
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.chunkAck = null;

            /**
             * Envelope uploadRequest.
             * @member {fedlora.v1.UploadRequest.$Properties|null|undefined} uploadRequest
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.uploadRequest = null;

            /**
             * Envelope uploadGrant.
             * @member {fedlora.v1.UploadGrant.$Properties|null|undefined} uploadGrant
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.uploadGrant = null;

            /**
             * Envelope secaggKeys.
             * @member {fedlora.v1.SecAggKeys.$Properties|null|undefined} secaggKeys
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.secaggKeys = null;

            /**
             * Envelope secaggRoster.
             * @member {fedlora.v1.SecAggRoster.$Properties|null|undefined} secaggRoster
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.secaggRoster = null;

            /**
             * Envelope secaggShares.
             * @member {fedlora.v1.SecAggShares.$Properties|null|undefined} secaggShares
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.secaggShares = null;

            /**
             * Envelope secaggMaskRequest.
             * @member {fedlora.v1.SecAggMaskRequest.$Properties|null|undefined} secaggMaskRequest
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.secaggMaskRequest = null;

            /**
             * Envelope secaggMasked.
             * @member {fedlora.v1.SecAggMasked.$Properties|null|undefined} secaggMasked
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.secaggMasked = null;

            /**
             * Envelope secaggUnmaskRequest.
             * @member {fedlora.v1.SecAggUnmaskRequest.$Properties|null|undefined} secaggUnmaskRequest
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.secaggUnmaskRequest = null;

            /**
             * Envelope secaggUnmask.
             * @member {fedlora.v1.SecAggUnmask.$Properties|null|undefined} secaggUnmask
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            Envelope.prototype.secaggUnmask = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Envelope body.
             * @member {"hello"|"welcome"|"train"|"update"|"evaluate"|"evaluation"|"ack"|"finished"|"error"|"chunk"|"chunkAck"|"uploadRequest"|"uploadGrant"|"secaggKeys"|"secaggRoster"|"secaggShares"|"secaggMaskRequest"|"secaggMasked"|"secaggUnmaskRequest"|"secaggUnmask"|undefined} body
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            $Object.defineProperty(Envelope.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "welcome", "train", "update", "evaluate", "evaluation", "ack", "finished", "error", "chunk", "chunkAck", "uploadRequest", "uploadGrant", "secaggKeys", "secaggRoster", "secaggShares", "secaggMaskRequest", "secaggMasked", "secaggUnmaskRequest", "secaggUnmask"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Envelope instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.Envelope
             * @static
             * @param {fedlora.v1.Envelope.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.Envelope} Envelope instance
             * @type {{
             *   (properties: fedlora.v1.Envelope.$Shape): fedlora.v1.Envelope & fedlora.v1.Envelope.$Shape;
             *   (properties?: fedlora.v1.Envelope.$Properties): fedlora.v1.Envelope;
             * }}
             */
            Envelope.create = function(properties) {
                return new Envelope(properties);
            };

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link fedlora.v1.Envelope.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.Envelope
             * @static
             * @param {fedlora.v1.Envelope.$Properties} m Envelope message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Envelope.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.hello != null && $Object.hasOwnProperty.call(m, "hello"))
                    $root.fedlora.v1.ClientHello.encode(m.hello, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.welcome != null && $Object.hasOwnProperty.call(m, "welcome"))
                    $root.fedlora.v1.Welcome.encode(m.welcome, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.train != null && $Object.hasOwnProperty.call(m, "train"))
                    $root.fedlora.v1.TrainInstruction.encode(m.train, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.update != null && $Object.hasOwnProperty.call(m, "update"))
                    $root.fedlora.v1.ClientUpdate.encode(m.update, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.evaluate != null && $Object.hasOwnProperty.call(m, "evaluate"))
                    $root.fedlora.v1.EvaluateInstruction.encode(m.evaluate, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.evaluation != null && $Object.hasOwnProperty.call(m, "evaluation"))
                    $root.fedlora.v1.EvaluateResult.encode(m.evaluation, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.ack != null && $Object.hasOwnProperty.call(m, "ack"))
                    $root.fedlora.v1.Ack.encode(m.ack, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                if (m.finished != null && $Object.hasOwnProperty.call(m, "finished"))
                    $root.fedlora.v1.RunFinished.encode(m.finished, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.error != null && $Object.hasOwnProperty.call(m, "error"))
                    $root.fedlora.v1.Error.encode(m.error, w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
                if (m.chunk != null && $Object.hasOwnProperty.call(m, "chunk"))
                    $root.fedlora.v1.Chunk.encode(m.chunk, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                if (m.chunkAck != null && $Object.hasOwnProperty.call(m, "chunkAck"))
                    $root.fedlora.v1.ChunkAck.encode(m.chunkAck, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                if (m.uploadRequest != null && $Object.hasOwnProperty.call(m, "uploadRequest"))
                    $root.fedlora.v1.UploadRequest.encode(m.uploadRequest, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                if (m.uploadGrant != null && $Object.hasOwnProperty.call(m, "uploadGrant"))
                    $root.fedlora.v1.UploadGrant.encode(m.uploadGrant, w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                if (m.secaggKeys != null && $Object.hasOwnProperty.call(m, "secaggKeys"))
                    $root.fedlora.v1.SecAggKeys.encode(m.secaggKeys, w.uint32(/* id 40, wireType 2 =*/322).fork(), q + 1).ldelim();
                if (m.secaggRoster != null && $Object.hasOwnProperty.call(m, "secaggRoster"))
                    $root.fedlora.v1.SecAggRoster.encode(m.secaggRoster, w.uint32(/* id 41, wireType 2 =*/330).fork(), q + 1).ldelim();
                if (m.secaggShares != null && $Object.hasOwnProperty.call(m, "secaggShares"))
                    $root.fedlora.v1.SecAggShares.encode(m.secaggShares, w.uint32(/* id 42, wireType 2 =*/338).fork(), q + 1).ldelim();
                if (m.secaggMaskRequest != null && $Object.hasOwnProperty.call(m, "secaggMaskRequest"))
                    $root.fedlora.v1.SecAggMaskRequest.encode(m.secaggMaskRequest, w.uint32(/* id 43, wireType 2 =*/346).fork(), q + 1).ldelim();
                if (m.secaggMasked != null && $Object.hasOwnProperty.call(m, "secaggMasked"))
                    $root.fedlora.v1.SecAggMasked.encode(m.secaggMasked, w.uint32(/* id 44, wireType 2 =*/354).fork(), q + 1).ldelim();
                if (m.secaggUnmaskRequest != null && $Object.hasOwnProperty.call(m, "secaggUnmaskRequest"))
                    $root.fedlora.v1.SecAggUnmaskRequest.encode(m.secaggUnmaskRequest, w.uint32(/* id 45, wireType 2 =*/362).fork(), q + 1).ldelim();
                if (m.secaggUnmask != null && $Object.hasOwnProperty.call(m, "secaggUnmask"))
                    $root.fedlora.v1.SecAggUnmask.encode(m.secaggUnmask, w.uint32(/* id 46, wireType 2 =*/370).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.Envelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.Envelope & fedlora.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Envelope.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.Envelope();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.hello = $root.fedlora.v1.ClientHello.decode(r, r.size(), $undefined, q + 1, m.hello);
                            m.body = "hello";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.welcome = $root.fedlora.v1.Welcome.decode(r, r.size(), $undefined, q + 1, m.welcome);
                            m.body = "welcome";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.train = $root.fedlora.v1.TrainInstruction.decode(r, r.size(), $undefined, q + 1, m.train);
                            m.body = "train";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.update = $root.fedlora.v1.ClientUpdate.decode(r, r.size(), $undefined, q + 1, m.update);
                            m.body = "update";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.evaluate = $root.fedlora.v1.EvaluateInstruction.decode(r, r.size(), $undefined, q + 1, m.evaluate);
                            m.body = "evaluate";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.evaluation = $root.fedlora.v1.EvaluateResult.decode(r, r.size(), $undefined, q + 1, m.evaluation);
                            m.body = "evaluation";
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            m.ack = $root.fedlora.v1.Ack.decode(r, r.size(), $undefined, q + 1, m.ack);
                            m.body = "ack";
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.finished = $root.fedlora.v1.RunFinished.decode(r, r.size(), $undefined, q + 1, m.finished);
                            m.body = "finished";
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            m.error = $root.fedlora.v1.Error.decode(r, r.size(), $undefined, q + 1, m.error);
                            m.body = "error";
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            m.chunk = $root.fedlora.v1.Chunk.decode(r, r.size(), $undefined, q + 1, m.chunk);
                            m.body = "chunk";
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            m.chunkAck = $root.fedlora.v1.ChunkAck.decode(r, r.size(), $undefined, q + 1, m.chunkAck);
                            m.body = "chunkAck";
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            m.uploadRequest = $root.fedlora.v1.UploadRequest.decode(r, r.size(), $undefined, q + 1, m.uploadRequest);
                            m.body = "uploadRequest";
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            m.uploadGrant = $root.fedlora.v1.UploadGrant.decode(r, r.size(), $undefined, q + 1, m.uploadGrant);
                            m.body = "uploadGrant";
                            continue;
                        }
                    case 40: {
                            if (u !== 2)
                                break;
                            m.secaggKeys = $root.fedlora.v1.SecAggKeys.decode(r, r.size(), $undefined, q + 1, m.secaggKeys);
                            m.body = "secaggKeys";
                            continue;
                        }
                    case 41: {
                            if (u !== 2)
                                break;
                            m.secaggRoster = $root.fedlora.v1.SecAggRoster.decode(r, r.size(), $undefined, q + 1, m.secaggRoster);
                            m.body = "secaggRoster";
                            continue;
                        }
                    case 42: {
                            if (u !== 2)
                                break;
                            m.secaggShares = $root.fedlora.v1.SecAggShares.decode(r, r.size(), $undefined, q + 1, m.secaggShares);
                            m.body = "secaggShares";
                            continue;
                        }
                    case 43: {
                            if (u !== 2)
                                break;
                            m.secaggMaskRequest = $root.fedlora.v1.SecAggMaskRequest.decode(r, r.size(), $undefined, q + 1, m.secaggMaskRequest);
                            m.body = "secaggMaskRequest";
                            continue;
                        }
                    case 44: {
                            if (u !== 2)
                                break;
                            m.secaggMasked = $root.fedlora.v1.SecAggMasked.decode(r, r.size(), $undefined, q + 1, m.secaggMasked);
                            m.body = "secaggMasked";
                            continue;
                        }
                    case 45: {
                            if (u !== 2)
                                break;
                            m.secaggUnmaskRequest = $root.fedlora.v1.SecAggUnmaskRequest.decode(r, r.size(), $undefined, q + 1, m.secaggUnmaskRequest);
                            m.body = "secaggUnmaskRequest";
                            continue;
                        }
                    case 46: {
                            if (u !== 2)
                                break;
                            m.secaggUnmask = $root.fedlora.v1.SecAggUnmask.decode(r, r.size(), $undefined, q + 1, m.secaggUnmask);
                            m.body = "secaggUnmask";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.Envelope
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.Envelope} Envelope
             */
            Envelope.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.Envelope)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.Envelope: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.Envelope();
                if (d.hello != null) {
                    if (!$util.isObject(d.hello))
                        throw $TypeError(".fedlora.v1.Envelope.hello: object expected");
                    m.hello = $root.fedlora.v1.ClientHello.fromObject(d.hello, q + 1);
                }
                if (d.welcome != null) {
                    if (!$util.isObject(d.welcome))
                        throw $TypeError(".fedlora.v1.Envelope.welcome: object expected");
                    m.welcome = $root.fedlora.v1.Welcome.fromObject(d.welcome, q + 1);
                }
                if (d.train != null) {
                    if (!$util.isObject(d.train))
                        throw $TypeError(".fedlora.v1.Envelope.train: object expected");
                    m.train = $root.fedlora.v1.TrainInstruction.fromObject(d.train, q + 1);
                }
                if (d.update != null) {
                    if (!$util.isObject(d.update))
                        throw $TypeError(".fedlora.v1.Envelope.update: object expected");
                    m.update = $root.fedlora.v1.ClientUpdate.fromObject(d.update, q + 1);
                }
                if (d.evaluate != null) {
                    if (!$util.isObject(d.evaluate))
                        throw $TypeError(".fedlora.v1.Envelope.evaluate: object expected");
                    m.evaluate = $root.fedlora.v1.EvaluateInstruction.fromObject(d.evaluate, q + 1);
                }
                if (d.evaluation != null) {
                    if (!$util.isObject(d.evaluation))
                        throw $TypeError(".fedlora.v1.Envelope.evaluation: object expected");
                    m.evaluation = $root.fedlora.v1.EvaluateResult.fromObject(d.evaluation, q + 1);
                }
                if (d.ack != null) {
                    if (!$util.isObject(d.ack))
                        throw $TypeError(".fedlora.v1.Envelope.ack: object expected");
                    m.ack = $root.fedlora.v1.Ack.fromObject(d.ack, q + 1);
                }
                if (d.finished != null) {
                    if (!$util.isObject(d.finished))
                        throw $TypeError(".fedlora.v1.Envelope.finished: object expected");
                    m.finished = $root.fedlora.v1.RunFinished.fromObject(d.finished, q + 1);
                }
                if (d.error != null) {
                    if (!$util.isObject(d.error))
                        throw $TypeError(".fedlora.v1.Envelope.error: object expected");
                    m.error = $root.fedlora.v1.Error.fromObject(d.error, q + 1);
                }
                if (d.chunk != null) {
                    if (!$util.isObject(d.chunk))
                        throw $TypeError(".fedlora.v1.Envelope.chunk: object expected");
                    m.chunk = $root.fedlora.v1.Chunk.fromObject(d.chunk, q + 1);
                }
                if (d.chunkAck != null) {
                    if (!$util.isObject(d.chunkAck))
                        throw $TypeError(".fedlora.v1.Envelope.chunkAck: object expected");
                    m.chunkAck = $root.fedlora.v1.ChunkAck.fromObject(d.chunkAck, q + 1);
                }
                if (d.uploadRequest != null) {
                    if (!$util.isObject(d.uploadRequest))
                        throw $TypeError(".fedlora.v1.Envelope.uploadRequest: object expected");
                    m.uploadRequest = $root.fedlora.v1.UploadRequest.fromObject(d.uploadRequest, q + 1);
                }
                if (d.uploadGrant != null) {
                    if (!$util.isObject(d.uploadGrant))
                        throw $TypeError(".fedlora.v1.Envelope.uploadGrant: object expected");
                    m.uploadGrant = $root.fedlora.v1.UploadGrant.fromObject(d.uploadGrant, q + 1);
                }
                if (d.secaggKeys != null) {
                    if (!$util.isObject(d.secaggKeys))
                        throw $TypeError(".fedlora.v1.Envelope.secaggKeys: object expected");
                    m.secaggKeys = $root.fedlora.v1.SecAggKeys.fromObject(d.secaggKeys, q + 1);
                }
                if (d.secaggRoster != null) {
                    if (!$util.isObject(d.secaggRoster))
                        throw $TypeError(".fedlora.v1.Envelope.secaggRoster: object expected");
                    m.secaggRoster = $root.fedlora.v1.SecAggRoster.fromObject(d.secaggRoster, q + 1);
                }
                if (d.secaggShares != null) {
                    if (!$util.isObject(d.secaggShares))
                        throw $TypeError(".fedlora.v1.Envelope.secaggShares: object expected");
                    m.secaggShares = $root.fedlora.v1.SecAggShares.fromObject(d.secaggShares, q + 1);
                }
                if (d.secaggMaskRequest != null) {
                    if (!$util.isObject(d.secaggMaskRequest))
                        throw $TypeError(".fedlora.v1.Envelope.secaggMaskRequest: object expected");
                    m.secaggMaskRequest = $root.fedlora.v1.SecAggMaskRequest.fromObject(d.secaggMaskRequest, q + 1);
                }
                if (d.secaggMasked != null) {
                    if (!$util.isObject(d.secaggMasked))
                        throw $TypeError(".fedlora.v1.Envelope.secaggMasked: object expected");
                    m.secaggMasked = $root.fedlora.v1.SecAggMasked.fromObject(d.secaggMasked, q + 1);
                }
                if (d.secaggUnmaskRequest != null) {
                    if (!$util.isObject(d.secaggUnmaskRequest))
                        throw $TypeError(".fedlora.v1.Envelope.secaggUnmaskRequest: object expected");
                    m.secaggUnmaskRequest = $root.fedlora.v1.SecAggUnmaskRequest.fromObject(d.secaggUnmaskRequest, q + 1);
                }
                if (d.secaggUnmask != null) {
                    if (!$util.isObject(d.secaggUnmask))
                        throw $TypeError(".fedlora.v1.Envelope.secaggUnmask: object expected");
                    m.secaggUnmask = $root.fedlora.v1.SecAggUnmask.fromObject(d.secaggUnmask, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from an Envelope message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.Envelope
             * @static
             * @param {fedlora.v1.Envelope} m Envelope
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Envelope.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.hello != null && $Object.hasOwnProperty.call(m, "hello")) {
                    d.hello = $root.fedlora.v1.ClientHello.toObject(m.hello, o, q + 1);
                    if (o.oneofs)
                        d.body = "hello";
                }
                if (m.welcome != null && $Object.hasOwnProperty.call(m, "welcome")) {
                    d.welcome = $root.fedlora.v1.Welcome.toObject(m.welcome, o, q + 1);
                    if (o.oneofs)
                        d.body = "welcome";
                }
                if (m.train != null && $Object.hasOwnProperty.call(m, "train")) {
                    d.train = $root.fedlora.v1.TrainInstruction.toObject(m.train, o, q + 1);
                    if (o.oneofs)
                        d.body = "train";
                }
                if (m.update != null && $Object.hasOwnProperty.call(m, "update")) {
                    d.update = $root.fedlora.v1.ClientUpdate.toObject(m.update, o, q + 1);
                    if (o.oneofs)
                        d.body = "update";
                }
                if (m.evaluate != null && $Object.hasOwnProperty.call(m, "evaluate")) {
                    d.evaluate = $root.fedlora.v1.EvaluateInstruction.toObject(m.evaluate, o, q + 1);
                    if (o.oneofs)
                        d.body = "evaluate";
                }
                if (m.evaluation != null && $Object.hasOwnProperty.call(m, "evaluation")) {
                    d.evaluation = $root.fedlora.v1.EvaluateResult.toObject(m.evaluation, o, q + 1);
                    if (o.oneofs)
                        d.body = "evaluation";
                }
                if (m.ack != null && $Object.hasOwnProperty.call(m, "ack")) {
                    d.ack = $root.fedlora.v1.Ack.toObject(m.ack, o, q + 1);
                    if (o.oneofs)
                        d.body = "ack";
                }
                if (m.finished != null && $Object.hasOwnProperty.call(m, "finished")) {
                    d.finished = $root.fedlora.v1.RunFinished.toObject(m.finished, o, q + 1);
                    if (o.oneofs)
                        d.body = "finished";
                }
                if (m.error != null && $Object.hasOwnProperty.call(m, "error")) {
                    d.error = $root.fedlora.v1.Error.toObject(m.error, o, q + 1);
                    if (o.oneofs)
                        d.body = "error";
                }
                if (m.chunk != null && $Object.hasOwnProperty.call(m, "chunk")) {
                    d.chunk = $root.fedlora.v1.Chunk.toObject(m.chunk, o, q + 1);
                    if (o.oneofs)
                        d.body = "chunk";
                }
                if (m.chunkAck != null && $Object.hasOwnProperty.call(m, "chunkAck")) {
                    d.chunkAck = $root.fedlora.v1.ChunkAck.toObject(m.chunkAck, o, q + 1);
                    if (o.oneofs)
                        d.body = "chunkAck";
                }
                if (m.uploadRequest != null && $Object.hasOwnProperty.call(m, "uploadRequest")) {
                    d.uploadRequest = $root.fedlora.v1.UploadRequest.toObject(m.uploadRequest, o, q + 1);
                    if (o.oneofs)
                        d.body = "uploadRequest";
                }
                if (m.uploadGrant != null && $Object.hasOwnProperty.call(m, "uploadGrant")) {
                    d.uploadGrant = $root.fedlora.v1.UploadGrant.toObject(m.uploadGrant, o, q + 1);
                    if (o.oneofs)
                        d.body = "uploadGrant";
                }
                if (m.secaggKeys != null && $Object.hasOwnProperty.call(m, "secaggKeys")) {
                    d.secaggKeys = $root.fedlora.v1.SecAggKeys.toObject(m.secaggKeys, o, q + 1);
                    if (o.oneofs)
                        d.body = "secaggKeys";
                }
                if (m.secaggRoster != null && $Object.hasOwnProperty.call(m, "secaggRoster")) {
                    d.secaggRoster = $root.fedlora.v1.SecAggRoster.toObject(m.secaggRoster, o, q + 1);
                    if (o.oneofs)
                        d.body = "secaggRoster";
                }
                if (m.secaggShares != null && $Object.hasOwnProperty.call(m, "secaggShares")) {
                    d.secaggShares = $root.fedlora.v1.SecAggShares.toObject(m.secaggShares, o, q + 1);
                    if (o.oneofs)
                        d.body = "secaggShares";
                }
                if (m.secaggMaskRequest != null && $Object.hasOwnProperty.call(m, "secaggMaskRequest")) {
                    d.secaggMaskRequest = $root.fedlora.v1.SecAggMaskRequest.toObject(m.secaggMaskRequest, o, q + 1);
                    if (o.oneofs)
                        d.body = "secaggMaskRequest";
                }
                if (m.secaggMasked != null && $Object.hasOwnProperty.call(m, "secaggMasked")) {
                    d.secaggMasked = $root.fedlora.v1.SecAggMasked.toObject(m.secaggMasked, o, q + 1);
                    if (o.oneofs)
                        d.body = "secaggMasked";
                }
                if (m.secaggUnmaskRequest != null && $Object.hasOwnProperty.call(m, "secaggUnmaskRequest")) {
                    d.secaggUnmaskRequest = $root.fedlora.v1.SecAggUnmaskRequest.toObject(m.secaggUnmaskRequest, o, q + 1);
                    if (o.oneofs)
                        d.body = "secaggUnmaskRequest";
                }
                if (m.secaggUnmask != null && $Object.hasOwnProperty.call(m, "secaggUnmask")) {
                    d.secaggUnmask = $root.fedlora.v1.SecAggUnmask.toObject(m.secaggUnmask, o, q + 1);
                    if (o.oneofs)
                        d.body = "secaggUnmask";
                }
                return d;
            };

            /**
             * Converts this Envelope to JSON.
             * @function toJSON
             * @memberof fedlora.v1.Envelope
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Envelope.prototype.toJSON = function() {
                return Envelope.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Envelope
             * @function getTypeUrl
             * @memberof fedlora.v1.Envelope
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Envelope.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.Envelope";
            };

            return Envelope;
        })();

        v1.SecAggKeys = (function() {

            /**
             * Properties of a SecAggKeys.
             * @typedef {Object} fedlora.v1.SecAggKeys.$Properties
             * @property {number|null} [round] SecAggKeys round
             * @property {string|null} [globalDigest] SecAggKeys globalDigest
             * @property {Uint8Array|null} [maskPublicKey] SecAggKeys maskPublicKey
             * @property {Uint8Array|null} [cipherPublicKey] SecAggKeys cipherPublicKey
             * @property {Uint8Array|null} [selfMaskCommitment] SecAggKeys selfMaskCommitment
             * @property {number|null} [numExamples] SecAggKeys numExamples
             * @property {number|null} [trainLoss] SecAggKeys trainLoss
             * @property {number|null} [tokensPerSecond] SecAggKeys tokensPerSecond
             * @property {number|null} [steps] SecAggKeys steps
             * @property {number|null} [durationMs] SecAggKeys durationMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggKeys.
             * @memberof fedlora.v1
             * @interface ISecAggKeys
             * @augments fedlora.v1.SecAggKeys.$Properties
             * @deprecated Use fedlora.v1.SecAggKeys.$Properties instead.
             */

            /**
             * Shape of a SecAggKeys.
             * @typedef {fedlora.v1.SecAggKeys.$Properties} fedlora.v1.SecAggKeys.$Shape
             */

            /**
             * Constructs a new SecAggKeys.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggKeys.
             * @constructor
             * @param {fedlora.v1.SecAggKeys.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggKeys = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggKeys round.
             * @member {number} round
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.round = 0;

            /**
             * SecAggKeys globalDigest.
             * @member {string} globalDigest
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.globalDigest = "";

            /**
             * SecAggKeys maskPublicKey.
             * @member {Uint8Array} maskPublicKey
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.maskPublicKey = $util.newBuffer([]);

            /**
             * SecAggKeys cipherPublicKey.
             * @member {Uint8Array} cipherPublicKey
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.cipherPublicKey = $util.newBuffer([]);

            /**
             * SecAggKeys selfMaskCommitment.
             * @member {Uint8Array} selfMaskCommitment
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.selfMaskCommitment = $util.newBuffer([]);

            /**
             * SecAggKeys numExamples.
             * @member {number} numExamples
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.numExamples = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SecAggKeys trainLoss.
             * @member {number} trainLoss
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.trainLoss = 0;

            /**
             * SecAggKeys tokensPerSecond.
             * @member {number} tokensPerSecond
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.tokensPerSecond = 0;

            /**
             * SecAggKeys steps.
             * @member {number} steps
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.steps = 0;

            /**
             * SecAggKeys durationMs.
             * @member {number} durationMs
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             */
            SecAggKeys.prototype.durationMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new SecAggKeys instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggKeys
             * @static
             * @param {fedlora.v1.SecAggKeys.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggKeys} SecAggKeys instance
             * @type {{
             *   (properties: fedlora.v1.SecAggKeys.$Shape): fedlora.v1.SecAggKeys & fedlora.v1.SecAggKeys.$Shape;
             *   (properties?: fedlora.v1.SecAggKeys.$Properties): fedlora.v1.SecAggKeys;
             * }}
             */
            SecAggKeys.create = function(properties) {
                return new SecAggKeys(properties);
            };

            /**
             * Encodes the specified SecAggKeys message. Does not implicitly {@link fedlora.v1.SecAggKeys.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggKeys
             * @static
             * @param {fedlora.v1.SecAggKeys.$Properties} m SecAggKeys message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggKeys.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.globalDigest != null && $Object.hasOwnProperty.call(m, "globalDigest") && m.globalDigest !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.globalDigest);
                if (m.maskPublicKey != null && $Object.hasOwnProperty.call(m, "maskPublicKey") && m.maskPublicKey.length)
                    w.uint32(/* id 3, wireType 2 =*/26).bytes(m.maskPublicKey);
                if (m.cipherPublicKey != null && $Object.hasOwnProperty.call(m, "cipherPublicKey") && m.cipherPublicKey.length)
                    w.uint32(/* id 4, wireType 2 =*/34).bytes(m.cipherPublicKey);
                if (m.selfMaskCommitment != null && $Object.hasOwnProperty.call(m, "selfMaskCommitment") && m.selfMaskCommitment.length)
                    w.uint32(/* id 5, wireType 2 =*/42).bytes(m.selfMaskCommitment);
                if (m.numExamples != null && $Object.hasOwnProperty.call(m, "numExamples") && (typeof m.numExamples === "object" ? m.numExamples.low || m.numExamples.high : m.numExamples !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.numExamples);
                if (m.trainLoss != null && $Object.hasOwnProperty.call(m, "trainLoss") && !$Object.is(m.trainLoss, 0))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.trainLoss);
                if (m.tokensPerSecond != null && $Object.hasOwnProperty.call(m, "tokensPerSecond") && !$Object.is(m.tokensPerSecond, 0))
                    w.uint32(/* id 8, wireType 1 =*/65).double(m.tokensPerSecond);
                if (m.steps != null && $Object.hasOwnProperty.call(m, "steps") && m.steps !== 0)
                    w.uint32(/* id 9, wireType 0 =*/72).uint32(m.steps);
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs") && (typeof m.durationMs === "object" ? m.durationMs.low || m.durationMs.high : m.durationMs !== 0))
                    w.uint32(/* id 10, wireType 0 =*/80).uint64(m.durationMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggKeys message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggKeys
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggKeys & fedlora.v1.SecAggKeys.$Shape} SecAggKeys
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggKeys.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggKeys();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.globalDigest = v;
                            else
                                delete m.globalDigest;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.maskPublicKey = v;
                            else
                                delete m.maskPublicKey;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.cipherPublicKey = v;
                            else
                                delete m.cipherPublicKey;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.selfMaskCommitment = v;
                            else
                                delete m.selfMaskCommitment;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.numExamples = v;
                            else
                                delete m.numExamples;
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.trainLoss = v;
                            else
                                delete m.trainLoss;
                            continue;
                        }
                    case 8: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.tokensPerSecond = v;
                            else
                                delete m.tokensPerSecond;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.steps = v;
                            else
                                delete m.steps;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.durationMs = v;
                            else
                                delete m.durationMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggKeys message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggKeys
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggKeys} SecAggKeys
             */
            SecAggKeys.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggKeys)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggKeys: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggKeys();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.globalDigest != null) {
                    if (typeof d.globalDigest !== "string" || d.globalDigest.length) {
                        m.globalDigest = $String(d.globalDigest);
                    }
                }
                if (d.maskPublicKey != null) {
                    if (d.maskPublicKey.length) {
                        if (typeof d.maskPublicKey === "string")
                            $util.base64.decode(d.maskPublicKey, m.maskPublicKey = $util.newBuffer($util.base64.length(d.maskPublicKey)), 0);
                        else if (d.maskPublicKey.length >= 0)
                            m.maskPublicKey = d.maskPublicKey;
                    }
                }
                if (d.cipherPublicKey != null) {
                    if (d.cipherPublicKey.length) {
                        if (typeof d.cipherPublicKey === "string")
                            $util.base64.decode(d.cipherPublicKey, m.cipherPublicKey = $util.newBuffer($util.base64.length(d.cipherPublicKey)), 0);
                        else if (d.cipherPublicKey.length >= 0)
                            m.cipherPublicKey = d.cipherPublicKey;
                    }
                }
                if (d.selfMaskCommitment != null) {
                    if (d.selfMaskCommitment.length) {
                        if (typeof d.selfMaskCommitment === "string")
                            $util.base64.decode(d.selfMaskCommitment, m.selfMaskCommitment = $util.newBuffer($util.base64.length(d.selfMaskCommitment)), 0);
                        else if (d.selfMaskCommitment.length >= 0)
                            m.selfMaskCommitment = d.selfMaskCommitment;
                    }
                }
                if (d.numExamples != null) {
                    if (typeof d.numExamples === "object" ? d.numExamples.low || d.numExamples.high : $Number(d.numExamples) !== 0) {
                        if ($util.Long)
                            m.numExamples = $util.Long.fromValue(d.numExamples, true);
                        else if (typeof d.numExamples === "string")
                            m.numExamples = $parseInt(d.numExamples, 10);
                        else if (typeof d.numExamples === "number")
                            m.numExamples = d.numExamples;
                        else if (typeof d.numExamples === "object")
                            m.numExamples = new $util.LongBits(d.numExamples.low >>> 0, d.numExamples.high >>> 0).toNumber(true);
                    }
                }
                if (d.trainLoss != null) {
                    if (!$Object.is($Number(d.trainLoss), 0)) {
                        m.trainLoss = $Number(d.trainLoss);
                    }
                }
                if (d.tokensPerSecond != null) {
                    if (!$Object.is($Number(d.tokensPerSecond), 0)) {
                        m.tokensPerSecond = $Number(d.tokensPerSecond);
                    }
                }
                if (d.steps != null) {
                    if ($Number(d.steps) !== 0) {
                        m.steps = d.steps >>> 0;
                    }
                }
                if (d.durationMs != null) {
                    if (typeof d.durationMs === "object" ? d.durationMs.low || d.durationMs.high : $Number(d.durationMs) !== 0) {
                        if ($util.Long)
                            m.durationMs = $util.Long.fromValue(d.durationMs, true);
                        else if (typeof d.durationMs === "string")
                            m.durationMs = $parseInt(d.durationMs, 10);
                        else if (typeof d.durationMs === "number")
                            m.durationMs = d.durationMs;
                        else if (typeof d.durationMs === "object")
                            m.durationMs = new $util.LongBits(d.durationMs.low >>> 0, d.durationMs.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggKeys message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggKeys
             * @static
             * @param {fedlora.v1.SecAggKeys} m SecAggKeys
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggKeys.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.round = 0;
                    d.globalDigest = "";
                    if (o.bytes === $String)
                        d.maskPublicKey = "";
                    else {
                        d.maskPublicKey = [];
                        if (o.bytes !== $Array)
                            d.maskPublicKey = $util.newBuffer(d.maskPublicKey);
                    }
                    if (o.bytes === $String)
                        d.cipherPublicKey = "";
                    else {
                        d.cipherPublicKey = [];
                        if (o.bytes !== $Array)
                            d.cipherPublicKey = $util.newBuffer(d.cipherPublicKey);
                    }
                    if (o.bytes === $String)
                        d.selfMaskCommitment = "";
                    else {
                        d.selfMaskCommitment = [];
                        if (o.bytes !== $Array)
                            d.selfMaskCommitment = $util.newBuffer(d.selfMaskCommitment);
                    }
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.numExamples = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.numExamples = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.trainLoss = 0;
                    d.tokensPerSecond = 0;
                    d.steps = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.durationMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.durationMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.globalDigest != null && $Object.hasOwnProperty.call(m, "globalDigest")) {
                    d.globalDigest = m.globalDigest;
                }
                if (m.maskPublicKey != null && $Object.hasOwnProperty.call(m, "maskPublicKey")) {
                    d.maskPublicKey = o.bytes === $String ? $util.base64.encode(m.maskPublicKey, 0, m.maskPublicKey.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.maskPublicKey) : m.maskPublicKey;
                }
                if (m.cipherPublicKey != null && $Object.hasOwnProperty.call(m, "cipherPublicKey")) {
                    d.cipherPublicKey = o.bytes === $String ? $util.base64.encode(m.cipherPublicKey, 0, m.cipherPublicKey.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.cipherPublicKey) : m.cipherPublicKey;
                }
                if (m.selfMaskCommitment != null && $Object.hasOwnProperty.call(m, "selfMaskCommitment")) {
                    d.selfMaskCommitment = o.bytes === $String ? $util.base64.encode(m.selfMaskCommitment, 0, m.selfMaskCommitment.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.selfMaskCommitment) : m.selfMaskCommitment;
                }
                if (m.numExamples != null && $Object.hasOwnProperty.call(m, "numExamples")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.numExamples = typeof m.numExamples === "number" ? $BigInt(m.numExamples) : $util.Long.fromBits(m.numExamples.low >>> 0, m.numExamples.high >>> 0, true).toBigInt();
                    else if (typeof m.numExamples === "number")
                        d.numExamples = o.longs === $String ? $String(m.numExamples) : m.numExamples;
                    else
                        d.numExamples = o.longs === $String ? $util.Long.prototype.toString.call(m.numExamples) : o.longs === $Number ? new $util.LongBits(m.numExamples.low >>> 0, m.numExamples.high >>> 0).toNumber(true) : m.numExamples;
                }
                if (m.trainLoss != null && $Object.hasOwnProperty.call(m, "trainLoss")) {
                    d.trainLoss = o.json && !$isFinite(m.trainLoss) ? $String(m.trainLoss) : m.trainLoss;
                }
                if (m.tokensPerSecond != null && $Object.hasOwnProperty.call(m, "tokensPerSecond")) {
                    d.tokensPerSecond = o.json && !$isFinite(m.tokensPerSecond) ? $String(m.tokensPerSecond) : m.tokensPerSecond;
                }
                if (m.steps != null && $Object.hasOwnProperty.call(m, "steps")) {
                    d.steps = m.steps;
                }
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.durationMs = typeof m.durationMs === "number" ? $BigInt(m.durationMs) : $util.Long.fromBits(m.durationMs.low >>> 0, m.durationMs.high >>> 0, true).toBigInt();
                    else if (typeof m.durationMs === "number")
                        d.durationMs = o.longs === $String ? $String(m.durationMs) : m.durationMs;
                    else
                        d.durationMs = o.longs === $String ? $util.Long.prototype.toString.call(m.durationMs) : o.longs === $Number ? new $util.LongBits(m.durationMs.low >>> 0, m.durationMs.high >>> 0).toNumber(true) : m.durationMs;
                }
                return d;
            };

            /**
             * Converts this SecAggKeys to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggKeys
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggKeys.prototype.toJSON = function() {
                return SecAggKeys.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggKeys
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggKeys
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggKeys.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggKeys";
            };

            return SecAggKeys;
        })();

        v1.SecAggPeer = (function() {

            /**
             * Properties of a SecAggPeer.
             * @typedef {Object} fedlora.v1.SecAggPeer.$Properties
             * @property {string|null} [clientId] SecAggPeer clientId
             * @property {number|null} [index] SecAggPeer index
             * @property {Uint8Array|null} [maskPublicKey] SecAggPeer maskPublicKey
             * @property {Uint8Array|null} [cipherPublicKey] SecAggPeer cipherPublicKey
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggPeer.
             * @memberof fedlora.v1
             * @interface ISecAggPeer
             * @augments fedlora.v1.SecAggPeer.$Properties
             * @deprecated Use fedlora.v1.SecAggPeer.$Properties instead.
             */

            /**
             * Shape of a SecAggPeer.
             * @typedef {fedlora.v1.SecAggPeer.$Properties} fedlora.v1.SecAggPeer.$Shape
             */

            /**
             * Constructs a new SecAggPeer.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggPeer.
             * @constructor
             * @param {fedlora.v1.SecAggPeer.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggPeer = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggPeer clientId.
             * @member {string} clientId
             * @memberof fedlora.v1.SecAggPeer
             * @instance
             */
            SecAggPeer.prototype.clientId = "";

            /**
             * SecAggPeer index.
             * @member {number} index
             * @memberof fedlora.v1.SecAggPeer
             * @instance
             */
            SecAggPeer.prototype.index = 0;

            /**
             * SecAggPeer maskPublicKey.
             * @member {Uint8Array} maskPublicKey
             * @memberof fedlora.v1.SecAggPeer
             * @instance
             */
            SecAggPeer.prototype.maskPublicKey = $util.newBuffer([]);

            /**
             * SecAggPeer cipherPublicKey.
             * @member {Uint8Array} cipherPublicKey
             * @memberof fedlora.v1.SecAggPeer
             * @instance
             */
            SecAggPeer.prototype.cipherPublicKey = $util.newBuffer([]);

            /**
             * Creates a new SecAggPeer instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggPeer
             * @static
             * @param {fedlora.v1.SecAggPeer.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggPeer} SecAggPeer instance
             * @type {{
             *   (properties: fedlora.v1.SecAggPeer.$Shape): fedlora.v1.SecAggPeer & fedlora.v1.SecAggPeer.$Shape;
             *   (properties?: fedlora.v1.SecAggPeer.$Properties): fedlora.v1.SecAggPeer;
             * }}
             */
            SecAggPeer.create = function(properties) {
                return new SecAggPeer(properties);
            };

            /**
             * Encodes the specified SecAggPeer message. Does not implicitly {@link fedlora.v1.SecAggPeer.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggPeer
             * @static
             * @param {fedlora.v1.SecAggPeer.$Properties} m SecAggPeer message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggPeer.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId") && m.clientId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.clientId);
                if (m.index != null && $Object.hasOwnProperty.call(m, "index") && m.index !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.index);
                if (m.maskPublicKey != null && $Object.hasOwnProperty.call(m, "maskPublicKey") && m.maskPublicKey.length)
                    w.uint32(/* id 3, wireType 2 =*/26).bytes(m.maskPublicKey);
                if (m.cipherPublicKey != null && $Object.hasOwnProperty.call(m, "cipherPublicKey") && m.cipherPublicKey.length)
                    w.uint32(/* id 4, wireType 2 =*/34).bytes(m.cipherPublicKey);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggPeer message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggPeer
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggPeer & fedlora.v1.SecAggPeer.$Shape} SecAggPeer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggPeer.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggPeer();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.clientId = v;
                            else
                                delete m.clientId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.index = v;
                            else
                                delete m.index;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.maskPublicKey = v;
                            else
                                delete m.maskPublicKey;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.cipherPublicKey = v;
                            else
                                delete m.cipherPublicKey;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggPeer message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggPeer
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggPeer} SecAggPeer
             */
            SecAggPeer.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggPeer)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggPeer: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggPeer();
                if (d.clientId != null) {
                    if (typeof d.clientId !== "string" || d.clientId.length) {
                        m.clientId = $String(d.clientId);
                    }
                }
                if (d.index != null) {
                    if ($Number(d.index) !== 0) {
                        m.index = d.index >>> 0;
                    }
                }
                if (d.maskPublicKey != null) {
                    if (d.maskPublicKey.length) {
                        if (typeof d.maskPublicKey === "string")
                            $util.base64.decode(d.maskPublicKey, m.maskPublicKey = $util.newBuffer($util.base64.length(d.maskPublicKey)), 0);
                        else if (d.maskPublicKey.length >= 0)
                            m.maskPublicKey = d.maskPublicKey;
                    }
                }
                if (d.cipherPublicKey != null) {
                    if (d.cipherPublicKey.length) {
                        if (typeof d.cipherPublicKey === "string")
                            $util.base64.decode(d.cipherPublicKey, m.cipherPublicKey = $util.newBuffer($util.base64.length(d.cipherPublicKey)), 0);
                        else if (d.cipherPublicKey.length >= 0)
                            m.cipherPublicKey = d.cipherPublicKey;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggPeer message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggPeer
             * @static
             * @param {fedlora.v1.SecAggPeer} m SecAggPeer
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggPeer.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.clientId = "";
                    d.index = 0;
                    if (o.bytes === $String)
                        d.maskPublicKey = "";
                    else {
                        d.maskPublicKey = [];
                        if (o.bytes !== $Array)
                            d.maskPublicKey = $util.newBuffer(d.maskPublicKey);
                    }
                    if (o.bytes === $String)
                        d.cipherPublicKey = "";
                    else {
                        d.cipherPublicKey = [];
                        if (o.bytes !== $Array)
                            d.cipherPublicKey = $util.newBuffer(d.cipherPublicKey);
                    }
                }
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId")) {
                    d.clientId = m.clientId;
                }
                if (m.index != null && $Object.hasOwnProperty.call(m, "index")) {
                    d.index = m.index;
                }
                if (m.maskPublicKey != null && $Object.hasOwnProperty.call(m, "maskPublicKey")) {
                    d.maskPublicKey = o.bytes === $String ? $util.base64.encode(m.maskPublicKey, 0, m.maskPublicKey.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.maskPublicKey) : m.maskPublicKey;
                }
                if (m.cipherPublicKey != null && $Object.hasOwnProperty.call(m, "cipherPublicKey")) {
                    d.cipherPublicKey = o.bytes === $String ? $util.base64.encode(m.cipherPublicKey, 0, m.cipherPublicKey.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.cipherPublicKey) : m.cipherPublicKey;
                }
                return d;
            };

            /**
             * Converts this SecAggPeer to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggPeer
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggPeer.prototype.toJSON = function() {
                return SecAggPeer.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggPeer
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggPeer
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggPeer.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggPeer";
            };

            return SecAggPeer;
        })();

        v1.SecAggRoster = (function() {

            /**
             * Properties of a SecAggRoster.
             * @typedef {Object} fedlora.v1.SecAggRoster.$Properties
             * @property {number|null} [round] SecAggRoster round
             * @property {number|null} [ownIndex] SecAggRoster ownIndex
             * @property {Array.<fedlora.v1.SecAggPeer.$Properties>|null} [neighbours] SecAggRoster neighbours
             * @property {number|null} [threshold] SecAggRoster threshold
             * @property {number|null} [range] SecAggRoster range
             * @property {number|null} [scale] SecAggRoster scale
             * @property {number|null} [weight] SecAggRoster weight
             * @property {number|null} [weightTotal] SecAggRoster weightTotal
             * @property {number|null} [noiseStd] SecAggRoster noiseStd
             * @property {boolean|null} [reportClipping] SecAggRoster reportClipping
             * @property {number|null} [indicatorNoiseStd] SecAggRoster indicatorNoiseStd
             * @property {number|null} [deadlineUnixMs] SecAggRoster deadlineUnixMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggRoster.
             * @memberof fedlora.v1
             * @interface ISecAggRoster
             * @augments fedlora.v1.SecAggRoster.$Properties
             * @deprecated Use fedlora.v1.SecAggRoster.$Properties instead.
             */

            /**
             * Shape of a SecAggRoster.
             * @typedef {fedlora.v1.SecAggRoster.$Properties} fedlora.v1.SecAggRoster.$Shape
             */

            /**
             * Constructs a new SecAggRoster.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggRoster.
             * @constructor
             * @param {fedlora.v1.SecAggRoster.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggRoster = function (p) {
                this.neighbours = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggRoster round.
             * @member {number} round
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.round = 0;

            /**
             * SecAggRoster ownIndex.
             * @member {number} ownIndex
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.ownIndex = 0;

            /**
             * SecAggRoster neighbours.
             * @member {Array.<fedlora.v1.SecAggPeer.$Properties>} neighbours
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.neighbours = $util.emptyArray;

            /**
             * SecAggRoster threshold.
             * @member {number} threshold
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.threshold = 0;

            /**
             * SecAggRoster range.
             * @member {number} range
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.range = 0;

            /**
             * SecAggRoster scale.
             * @member {number} scale
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.scale = 0;

            /**
             * SecAggRoster weight.
             * @member {number} weight
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.weight = 0;

            /**
             * SecAggRoster weightTotal.
             * @member {number} weightTotal
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.weightTotal = 0;

            /**
             * SecAggRoster noiseStd.
             * @member {number} noiseStd
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.noiseStd = 0;

            /**
             * SecAggRoster reportClipping.
             * @member {boolean} reportClipping
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.reportClipping = false;

            /**
             * SecAggRoster indicatorNoiseStd.
             * @member {number} indicatorNoiseStd
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.indicatorNoiseStd = 0;

            /**
             * SecAggRoster deadlineUnixMs.
             * @member {number} deadlineUnixMs
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             */
            SecAggRoster.prototype.deadlineUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new SecAggRoster instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggRoster
             * @static
             * @param {fedlora.v1.SecAggRoster.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggRoster} SecAggRoster instance
             * @type {{
             *   (properties: fedlora.v1.SecAggRoster.$Shape): fedlora.v1.SecAggRoster & fedlora.v1.SecAggRoster.$Shape;
             *   (properties?: fedlora.v1.SecAggRoster.$Properties): fedlora.v1.SecAggRoster;
             * }}
             */
            SecAggRoster.create = function(properties) {
                return new SecAggRoster(properties);
            };

            /**
             * Encodes the specified SecAggRoster message. Does not implicitly {@link fedlora.v1.SecAggRoster.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggRoster
             * @static
             * @param {fedlora.v1.SecAggRoster.$Properties} m SecAggRoster message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggRoster.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.ownIndex != null && $Object.hasOwnProperty.call(m, "ownIndex") && m.ownIndex !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.ownIndex);
                if (m.neighbours != null && m.neighbours.length) {
                    for (var i = 0; i < m.neighbours.length; ++i)
                        $root.fedlora.v1.SecAggPeer.encode(m.neighbours[i], w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                }
                if (m.threshold != null && $Object.hasOwnProperty.call(m, "threshold") && m.threshold !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.threshold);
                if (m.range != null && $Object.hasOwnProperty.call(m, "range") && !$Object.is(m.range, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.range);
                if (m.scale != null && $Object.hasOwnProperty.call(m, "scale") && !$Object.is(m.scale, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.scale);
                if (m.weight != null && $Object.hasOwnProperty.call(m, "weight") && !$Object.is(m.weight, 0))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.weight);
                if (m.weightTotal != null && $Object.hasOwnProperty.call(m, "weightTotal") && !$Object.is(m.weightTotal, 0))
                    w.uint32(/* id 8, wireType 1 =*/65).double(m.weightTotal);
                if (m.noiseStd != null && $Object.hasOwnProperty.call(m, "noiseStd") && !$Object.is(m.noiseStd, 0))
                    w.uint32(/* id 9, wireType 1 =*/73).double(m.noiseStd);
                if (m.reportClipping != null && $Object.hasOwnProperty.call(m, "reportClipping") && m.reportClipping !== false)
                    w.uint32(/* id 10, wireType 0 =*/80).bool(m.reportClipping);
                if (m.indicatorNoiseStd != null && $Object.hasOwnProperty.call(m, "indicatorNoiseStd") && !$Object.is(m.indicatorNoiseStd, 0))
                    w.uint32(/* id 11, wireType 1 =*/89).double(m.indicatorNoiseStd);
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs") && (typeof m.deadlineUnixMs === "object" ? m.deadlineUnixMs.low || m.deadlineUnixMs.high : m.deadlineUnixMs !== 0))
                    w.uint32(/* id 12, wireType 0 =*/96).uint64(m.deadlineUnixMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggRoster message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggRoster
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggRoster & fedlora.v1.SecAggRoster.$Shape} SecAggRoster
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggRoster.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggRoster();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.ownIndex = v;
                            else
                                delete m.ownIndex;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.neighbours && m.neighbours.length))
                                m.neighbours = [];
                            m.neighbours.push($root.fedlora.v1.SecAggPeer.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.threshold = v;
                            else
                                delete m.threshold;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.range = v;
                            else
                                delete m.range;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.scale = v;
                            else
                                delete m.scale;
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.weight = v;
                            else
                                delete m.weight;
                            continue;
                        }
                    case 8: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.weightTotal = v;
                            else
                                delete m.weightTotal;
                            continue;
                        }
                    case 9: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.noiseStd = v;
                            else
                                delete m.noiseStd;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.reportClipping = v;
                            else
                                delete m.reportClipping;
                            continue;
                        }
                    case 11: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.indicatorNoiseStd = v;
                            else
                                delete m.indicatorNoiseStd;
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.deadlineUnixMs = v;
                            else
                                delete m.deadlineUnixMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggRoster message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggRoster
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggRoster} SecAggRoster
             */
            SecAggRoster.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggRoster)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggRoster: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggRoster();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.ownIndex != null) {
                    if ($Number(d.ownIndex) !== 0) {
                        m.ownIndex = d.ownIndex >>> 0;
                    }
                }
                if (d.neighbours) {
                    if (!$Array.isArray(d.neighbours))
                        throw $TypeError(".fedlora.v1.SecAggRoster.neighbours: array expected");
                    m.neighbours = $Array(d.neighbours.length);
                    for (var i = 0; i < d.neighbours.length; ++i) {
                        if (!$util.isObject(d.neighbours[i]))
                            throw $TypeError(".fedlora.v1.SecAggRoster.neighbours: object expected");
                        m.neighbours[i] = $root.fedlora.v1.SecAggPeer.fromObject(d.neighbours[i], q + 1);
                    }
                }
                if (d.threshold != null) {
                    if ($Number(d.threshold) !== 0) {
                        m.threshold = d.threshold >>> 0;
                    }
                }
                if (d.range != null) {
                    if (!$Object.is($Number(d.range), 0)) {
                        m.range = $Number(d.range);
                    }
                }
                if (d.scale != null) {
                    if (!$Object.is($Number(d.scale), 0)) {
                        m.scale = $Number(d.scale);
                    }
                }
                if (d.weight != null) {
                    if (!$Object.is($Number(d.weight), 0)) {
                        m.weight = $Number(d.weight);
                    }
                }
                if (d.weightTotal != null) {
                    if (!$Object.is($Number(d.weightTotal), 0)) {
                        m.weightTotal = $Number(d.weightTotal);
                    }
                }
                if (d.noiseStd != null) {
                    if (!$Object.is($Number(d.noiseStd), 0)) {
                        m.noiseStd = $Number(d.noiseStd);
                    }
                }
                if (d.reportClipping != null) {
                    if (d.reportClipping) {
                        m.reportClipping = $Boolean(d.reportClipping);
                    }
                }
                if (d.indicatorNoiseStd != null) {
                    if (!$Object.is($Number(d.indicatorNoiseStd), 0)) {
                        m.indicatorNoiseStd = $Number(d.indicatorNoiseStd);
                    }
                }
                if (d.deadlineUnixMs != null) {
                    if (typeof d.deadlineUnixMs === "object" ? d.deadlineUnixMs.low || d.deadlineUnixMs.high : $Number(d.deadlineUnixMs) !== 0) {
                        if ($util.Long)
                            m.deadlineUnixMs = $util.Long.fromValue(d.deadlineUnixMs, true);
                        else if (typeof d.deadlineUnixMs === "string")
                            m.deadlineUnixMs = $parseInt(d.deadlineUnixMs, 10);
                        else if (typeof d.deadlineUnixMs === "number")
                            m.deadlineUnixMs = d.deadlineUnixMs;
                        else if (typeof d.deadlineUnixMs === "object")
                            m.deadlineUnixMs = new $util.LongBits(d.deadlineUnixMs.low >>> 0, d.deadlineUnixMs.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggRoster message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggRoster
             * @static
             * @param {fedlora.v1.SecAggRoster} m SecAggRoster
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggRoster.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.neighbours = [];
                }
                if (o.defaults) {
                    d.round = 0;
                    d.ownIndex = 0;
                    d.threshold = 0;
                    d.range = 0;
                    d.scale = 0;
                    d.weight = 0;
                    d.weightTotal = 0;
                    d.noiseStd = 0;
                    d.reportClipping = false;
                    d.indicatorNoiseStd = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.deadlineUnixMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.deadlineUnixMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.ownIndex != null && $Object.hasOwnProperty.call(m, "ownIndex")) {
                    d.ownIndex = m.ownIndex;
                }
                if (m.neighbours && m.neighbours.length) {
                    d.neighbours = $Array(m.neighbours.length);
                    for (var j = 0; j < m.neighbours.length; ++j) {
                        d.neighbours[j] = $root.fedlora.v1.SecAggPeer.toObject(m.neighbours[j], o, q + 1);
                    }
                }
                if (m.threshold != null && $Object.hasOwnProperty.call(m, "threshold")) {
                    d.threshold = m.threshold;
                }
                if (m.range != null && $Object.hasOwnProperty.call(m, "range")) {
                    d.range = o.json && !$isFinite(m.range) ? $String(m.range) : m.range;
                }
                if (m.scale != null && $Object.hasOwnProperty.call(m, "scale")) {
                    d.scale = o.json && !$isFinite(m.scale) ? $String(m.scale) : m.scale;
                }
                if (m.weight != null && $Object.hasOwnProperty.call(m, "weight")) {
                    d.weight = o.json && !$isFinite(m.weight) ? $String(m.weight) : m.weight;
                }
                if (m.weightTotal != null && $Object.hasOwnProperty.call(m, "weightTotal")) {
                    d.weightTotal = o.json && !$isFinite(m.weightTotal) ? $String(m.weightTotal) : m.weightTotal;
                }
                if (m.noiseStd != null && $Object.hasOwnProperty.call(m, "noiseStd")) {
                    d.noiseStd = o.json && !$isFinite(m.noiseStd) ? $String(m.noiseStd) : m.noiseStd;
                }
                if (m.reportClipping != null && $Object.hasOwnProperty.call(m, "reportClipping")) {
                    d.reportClipping = m.reportClipping;
                }
                if (m.indicatorNoiseStd != null && $Object.hasOwnProperty.call(m, "indicatorNoiseStd")) {
                    d.indicatorNoiseStd = o.json && !$isFinite(m.indicatorNoiseStd) ? $String(m.indicatorNoiseStd) : m.indicatorNoiseStd;
                }
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.deadlineUnixMs = typeof m.deadlineUnixMs === "number" ? $BigInt(m.deadlineUnixMs) : $util.Long.fromBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0, true).toBigInt();
                    else if (typeof m.deadlineUnixMs === "number")
                        d.deadlineUnixMs = o.longs === $String ? $String(m.deadlineUnixMs) : m.deadlineUnixMs;
                    else
                        d.deadlineUnixMs = o.longs === $String ? $util.Long.prototype.toString.call(m.deadlineUnixMs) : o.longs === $Number ? new $util.LongBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0).toNumber(true) : m.deadlineUnixMs;
                }
                return d;
            };

            /**
             * Converts this SecAggRoster to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggRoster
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggRoster.prototype.toJSON = function() {
                return SecAggRoster.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggRoster
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggRoster
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggRoster.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggRoster";
            };

            return SecAggRoster;
        })();

        v1.SecAggEncryptedShare = (function() {

            /**
             * Properties of a SecAggEncryptedShare.
             * @typedef {Object} fedlora.v1.SecAggEncryptedShare.$Properties
             * @property {string|null} [clientId] SecAggEncryptedShare clientId
             * @property {Uint8Array|null} [ciphertext] SecAggEncryptedShare ciphertext
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggEncryptedShare.
             * @memberof fedlora.v1
             * @interface ISecAggEncryptedShare
             * @augments fedlora.v1.SecAggEncryptedShare.$Properties
             * @deprecated Use fedlora.v1.SecAggEncryptedShare.$Properties instead.
             */

            /**
             * Shape of a SecAggEncryptedShare.
             * @typedef {fedlora.v1.SecAggEncryptedShare.$Properties} fedlora.v1.SecAggEncryptedShare.$Shape
             */

            /**
             * Constructs a new SecAggEncryptedShare.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggEncryptedShare.
             * @constructor
             * @param {fedlora.v1.SecAggEncryptedShare.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggEncryptedShare = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggEncryptedShare clientId.
             * @member {string} clientId
             * @memberof fedlora.v1.SecAggEncryptedShare
             * @instance
             */
            SecAggEncryptedShare.prototype.clientId = "";

            /**
             * SecAggEncryptedShare ciphertext.
             * @member {Uint8Array} ciphertext
             * @memberof fedlora.v1.SecAggEncryptedShare
             * @instance
             */
            SecAggEncryptedShare.prototype.ciphertext = $util.newBuffer([]);

            /**
             * Creates a new SecAggEncryptedShare instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggEncryptedShare
             * @static
             * @param {fedlora.v1.SecAggEncryptedShare.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggEncryptedShare} SecAggEncryptedShare instance
             * @type {{
             *   (properties: fedlora.v1.SecAggEncryptedShare.$Shape): fedlora.v1.SecAggEncryptedShare & fedlora.v1.SecAggEncryptedShare.$Shape;
             *   (properties?: fedlora.v1.SecAggEncryptedShare.$Properties): fedlora.v1.SecAggEncryptedShare;
             * }}
             */
            SecAggEncryptedShare.create = function(properties) {
                return new SecAggEncryptedShare(properties);
            };

            /**
             * Encodes the specified SecAggEncryptedShare message. Does not implicitly {@link fedlora.v1.SecAggEncryptedShare.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggEncryptedShare
             * @static
             * @param {fedlora.v1.SecAggEncryptedShare.$Properties} m SecAggEncryptedShare message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggEncryptedShare.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId") && m.clientId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.clientId);
                if (m.ciphertext != null && $Object.hasOwnProperty.call(m, "ciphertext") && m.ciphertext.length)
                    w.uint32(/* id 2, wireType 2 =*/18).bytes(m.ciphertext);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggEncryptedShare message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggEncryptedShare
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggEncryptedShare & fedlora.v1.SecAggEncryptedShare.$Shape} SecAggEncryptedShare
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggEncryptedShare.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggEncryptedShare();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.clientId = v;
                            else
                                delete m.clientId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.ciphertext = v;
                            else
                                delete m.ciphertext;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggEncryptedShare message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggEncryptedShare
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggEncryptedShare} SecAggEncryptedShare
             */
            SecAggEncryptedShare.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggEncryptedShare)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggEncryptedShare: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggEncryptedShare();
                if (d.clientId != null) {
                    if (typeof d.clientId !== "string" || d.clientId.length) {
                        m.clientId = $String(d.clientId);
                    }
                }
                if (d.ciphertext != null) {
                    if (d.ciphertext.length) {
                        if (typeof d.ciphertext === "string")
                            $util.base64.decode(d.ciphertext, m.ciphertext = $util.newBuffer($util.base64.length(d.ciphertext)), 0);
                        else if (d.ciphertext.length >= 0)
                            m.ciphertext = d.ciphertext;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggEncryptedShare message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggEncryptedShare
             * @static
             * @param {fedlora.v1.SecAggEncryptedShare} m SecAggEncryptedShare
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggEncryptedShare.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.clientId = "";
                    if (o.bytes === $String)
                        d.ciphertext = "";
                    else {
                        d.ciphertext = [];
                        if (o.bytes !== $Array)
                            d.ciphertext = $util.newBuffer(d.ciphertext);
                    }
                }
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId")) {
                    d.clientId = m.clientId;
                }
                if (m.ciphertext != null && $Object.hasOwnProperty.call(m, "ciphertext")) {
                    d.ciphertext = o.bytes === $String ? $util.base64.encode(m.ciphertext, 0, m.ciphertext.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.ciphertext) : m.ciphertext;
                }
                return d;
            };

            /**
             * Converts this SecAggEncryptedShare to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggEncryptedShare
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggEncryptedShare.prototype.toJSON = function() {
                return SecAggEncryptedShare.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggEncryptedShare
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggEncryptedShare
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggEncryptedShare.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggEncryptedShare";
            };

            return SecAggEncryptedShare;
        })();

        v1.SecAggShares = (function() {

            /**
             * Properties of a SecAggShares.
             * @typedef {Object} fedlora.v1.SecAggShares.$Properties
             * @property {number|null} [round] SecAggShares round
             * @property {Array.<fedlora.v1.SecAggEncryptedShare.$Properties>|null} [shares] SecAggShares shares
             * @property {Array.<string>|null} [blamed] SecAggShares blamed
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggShares.
             * @memberof fedlora.v1
             * @interface ISecAggShares
             * @augments fedlora.v1.SecAggShares.$Properties
             * @deprecated Use fedlora.v1.SecAggShares.$Properties instead.
             */

            /**
             * Shape of a SecAggShares.
             * @typedef {fedlora.v1.SecAggShares.$Properties} fedlora.v1.SecAggShares.$Shape
             */

            /**
             * Constructs a new SecAggShares.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggShares.
             * @constructor
             * @param {fedlora.v1.SecAggShares.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggShares = function (p) {
                this.shares = [];
                this.blamed = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggShares round.
             * @member {number} round
             * @memberof fedlora.v1.SecAggShares
             * @instance
             */
            SecAggShares.prototype.round = 0;

            /**
             * SecAggShares shares.
             * @member {Array.<fedlora.v1.SecAggEncryptedShare.$Properties>} shares
             * @memberof fedlora.v1.SecAggShares
             * @instance
             */
            SecAggShares.prototype.shares = $util.emptyArray;

            /**
             * SecAggShares blamed.
             * @member {Array.<string>} blamed
             * @memberof fedlora.v1.SecAggShares
             * @instance
             */
            SecAggShares.prototype.blamed = $util.emptyArray;

            /**
             * Creates a new SecAggShares instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggShares
             * @static
             * @param {fedlora.v1.SecAggShares.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggShares} SecAggShares instance
             * @type {{
             *   (properties: fedlora.v1.SecAggShares.$Shape): fedlora.v1.SecAggShares & fedlora.v1.SecAggShares.$Shape;
             *   (properties?: fedlora.v1.SecAggShares.$Properties): fedlora.v1.SecAggShares;
             * }}
             */
            SecAggShares.create = function(properties) {
                return new SecAggShares(properties);
            };

            /**
             * Encodes the specified SecAggShares message. Does not implicitly {@link fedlora.v1.SecAggShares.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggShares
             * @static
             * @param {fedlora.v1.SecAggShares.$Properties} m SecAggShares message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggShares.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.shares != null && m.shares.length) {
                    for (var i = 0; i < m.shares.length; ++i)
                        $root.fedlora.v1.SecAggEncryptedShare.encode(m.shares[i], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                }
                if (m.blamed != null && m.blamed.length) {
                    for (var i = 0; i < m.blamed.length; ++i)
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.blamed[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggShares message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggShares
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggShares & fedlora.v1.SecAggShares.$Shape} SecAggShares
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggShares.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggShares();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.shares && m.shares.length))
                                m.shares = [];
                            m.shares.push($root.fedlora.v1.SecAggEncryptedShare.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.blamed && m.blamed.length))
                                m.blamed = [];
                            m.blamed.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggShares message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggShares
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggShares} SecAggShares
             */
            SecAggShares.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggShares)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggShares: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggShares();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.shares) {
                    if (!$Array.isArray(d.shares))
                        throw $TypeError(".fedlora.v1.SecAggShares.shares: array expected");
                    m.shares = $Array(d.shares.length);
                    for (var i = 0; i < d.shares.length; ++i) {
                        if (!$util.isObject(d.shares[i]))
                            throw $TypeError(".fedlora.v1.SecAggShares.shares: object expected");
                        m.shares[i] = $root.fedlora.v1.SecAggEncryptedShare.fromObject(d.shares[i], q + 1);
                    }
                }
                if (d.blamed) {
                    if (!$Array.isArray(d.blamed))
                        throw $TypeError(".fedlora.v1.SecAggShares.blamed: array expected");
                    m.blamed = $Array(d.blamed.length);
                    for (var i = 0; i < d.blamed.length; ++i) {
                        m.blamed[i] = $String(d.blamed[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggShares message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggShares
             * @static
             * @param {fedlora.v1.SecAggShares} m SecAggShares
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggShares.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.shares = [];
                    d.blamed = [];
                }
                if (o.defaults) {
                    d.round = 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.shares && m.shares.length) {
                    d.shares = $Array(m.shares.length);
                    for (var j = 0; j < m.shares.length; ++j) {
                        d.shares[j] = $root.fedlora.v1.SecAggEncryptedShare.toObject(m.shares[j], o, q + 1);
                    }
                }
                if (m.blamed && m.blamed.length) {
                    d.blamed = $Array(m.blamed.length);
                    for (var j = 0; j < m.blamed.length; ++j) {
                        d.blamed[j] = m.blamed[j];
                    }
                }
                return d;
            };

            /**
             * Converts this SecAggShares to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggShares
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggShares.prototype.toJSON = function() {
                return SecAggShares.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggShares
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggShares
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggShares.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggShares";
            };

            return SecAggShares;
        })();

        v1.SecAggMaskRequest = (function() {

            /**
             * Properties of a SecAggMaskRequest.
             * @typedef {Object} fedlora.v1.SecAggMaskRequest.$Properties
             * @property {number|null} [round] SecAggMaskRequest round
             * @property {Array.<fedlora.v1.SecAggEncryptedShare.$Properties>|null} [shares] SecAggMaskRequest shares
             * @property {number|null} [deadlineUnixMs] SecAggMaskRequest deadlineUnixMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggMaskRequest.
             * @memberof fedlora.v1
             * @interface ISecAggMaskRequest
             * @augments fedlora.v1.SecAggMaskRequest.$Properties
             * @deprecated Use fedlora.v1.SecAggMaskRequest.$Properties instead.
             */

            /**
             * Shape of a SecAggMaskRequest.
             * @typedef {fedlora.v1.SecAggMaskRequest.$Properties} fedlora.v1.SecAggMaskRequest.$Shape
             */

            /**
             * Constructs a new SecAggMaskRequest.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggMaskRequest.
             * @constructor
             * @param {fedlora.v1.SecAggMaskRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggMaskRequest = function (p) {
                this.shares = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggMaskRequest round.
             * @member {number} round
             * @memberof fedlora.v1.SecAggMaskRequest
             * @instance
             */
            SecAggMaskRequest.prototype.round = 0;

            /**
             * SecAggMaskRequest shares.
             * @member {Array.<fedlora.v1.SecAggEncryptedShare.$Properties>} shares
             * @memberof fedlora.v1.SecAggMaskRequest
             * @instance
             */
            SecAggMaskRequest.prototype.shares = $util.emptyArray;

            /**
             * SecAggMaskRequest deadlineUnixMs.
             * @member {number} deadlineUnixMs
             * @memberof fedlora.v1.SecAggMaskRequest
             * @instance
             */
            SecAggMaskRequest.prototype.deadlineUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new SecAggMaskRequest instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggMaskRequest
             * @static
             * @param {fedlora.v1.SecAggMaskRequest.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggMaskRequest} SecAggMaskRequest instance
             * @type {{
             *   (properties: fedlora.v1.SecAggMaskRequest.$Shape): fedlora.v1.SecAggMaskRequest & fedlora.v1.SecAggMaskRequest.$Shape;
             *   (properties?: fedlora.v1.SecAggMaskRequest.$Properties): fedlora.v1.SecAggMaskRequest;
             * }}
             */
            SecAggMaskRequest.create = function(properties) {
                return new SecAggMaskRequest(properties);
            };

            /**
             * Encodes the specified SecAggMaskRequest message. Does not implicitly {@link fedlora.v1.SecAggMaskRequest.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggMaskRequest
             * @static
             * @param {fedlora.v1.SecAggMaskRequest.$Properties} m SecAggMaskRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggMaskRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.shares != null && m.shares.length) {
                    for (var i = 0; i < m.shares.length; ++i)
                        $root.fedlora.v1.SecAggEncryptedShare.encode(m.shares[i], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                }
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs") && (typeof m.deadlineUnixMs === "object" ? m.deadlineUnixMs.low || m.deadlineUnixMs.high : m.deadlineUnixMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.deadlineUnixMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggMaskRequest message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggMaskRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggMaskRequest & fedlora.v1.SecAggMaskRequest.$Shape} SecAggMaskRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggMaskRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggMaskRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.shares && m.shares.length))
                                m.shares = [];
                            m.shares.push($root.fedlora.v1.SecAggEncryptedShare.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.deadlineUnixMs = v;
                            else
                                delete m.deadlineUnixMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggMaskRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggMaskRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggMaskRequest} SecAggMaskRequest
             */
            SecAggMaskRequest.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggMaskRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggMaskRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggMaskRequest();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.shares) {
                    if (!$Array.isArray(d.shares))
                        throw $TypeError(".fedlora.v1.SecAggMaskRequest.shares: array expected");
                    m.shares = $Array(d.shares.length);
                    for (var i = 0; i < d.shares.length; ++i) {
                        if (!$util.isObject(d.shares[i]))
                            throw $TypeError(".fedlora.v1.SecAggMaskRequest.shares: object expected");
                        m.shares[i] = $root.fedlora.v1.SecAggEncryptedShare.fromObject(d.shares[i], q + 1);
                    }
                }
                if (d.deadlineUnixMs != null) {
                    if (typeof d.deadlineUnixMs === "object" ? d.deadlineUnixMs.low || d.deadlineUnixMs.high : $Number(d.deadlineUnixMs) !== 0) {
                        if ($util.Long)
                            m.deadlineUnixMs = $util.Long.fromValue(d.deadlineUnixMs, true);
                        else if (typeof d.deadlineUnixMs === "string")
                            m.deadlineUnixMs = $parseInt(d.deadlineUnixMs, 10);
                        else if (typeof d.deadlineUnixMs === "number")
                            m.deadlineUnixMs = d.deadlineUnixMs;
                        else if (typeof d.deadlineUnixMs === "object")
                            m.deadlineUnixMs = new $util.LongBits(d.deadlineUnixMs.low >>> 0, d.deadlineUnixMs.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggMaskRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggMaskRequest
             * @static
             * @param {fedlora.v1.SecAggMaskRequest} m SecAggMaskRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggMaskRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.shares = [];
                }
                if (o.defaults) {
                    d.round = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.deadlineUnixMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.deadlineUnixMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.shares && m.shares.length) {
                    d.shares = $Array(m.shares.length);
                    for (var j = 0; j < m.shares.length; ++j) {
                        d.shares[j] = $root.fedlora.v1.SecAggEncryptedShare.toObject(m.shares[j], o, q + 1);
                    }
                }
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.deadlineUnixMs = typeof m.deadlineUnixMs === "number" ? $BigInt(m.deadlineUnixMs) : $util.Long.fromBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0, true).toBigInt();
                    else if (typeof m.deadlineUnixMs === "number")
                        d.deadlineUnixMs = o.longs === $String ? $String(m.deadlineUnixMs) : m.deadlineUnixMs;
                    else
                        d.deadlineUnixMs = o.longs === $String ? $util.Long.prototype.toString.call(m.deadlineUnixMs) : o.longs === $Number ? new $util.LongBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0).toNumber(true) : m.deadlineUnixMs;
                }
                return d;
            };

            /**
             * Converts this SecAggMaskRequest to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggMaskRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggMaskRequest.prototype.toJSON = function() {
                return SecAggMaskRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggMaskRequest
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggMaskRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggMaskRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggMaskRequest";
            };

            return SecAggMaskRequest;
        })();

        v1.SecAggMasked = (function() {

            /**
             * Properties of a SecAggMasked.
             * @typedef {Object} fedlora.v1.SecAggMasked.$Properties
             * @property {number|null} [round] SecAggMasked round
             * @property {Uint8Array|null} [masked] SecAggMasked masked
             * @property {Array.<string>|null} [blamed] SecAggMasked blamed
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggMasked.
             * @memberof fedlora.v1
             * @interface ISecAggMasked
             * @augments fedlora.v1.SecAggMasked.$Properties
             * @deprecated Use fedlora.v1.SecAggMasked.$Properties instead.
             */

            /**
             * Shape of a SecAggMasked.
             * @typedef {fedlora.v1.SecAggMasked.$Properties} fedlora.v1.SecAggMasked.$Shape
             */

            /**
             * Constructs a new SecAggMasked.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggMasked.
             * @constructor
             * @param {fedlora.v1.SecAggMasked.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggMasked = function (p) {
                this.blamed = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggMasked round.
             * @member {number} round
             * @memberof fedlora.v1.SecAggMasked
             * @instance
             */
            SecAggMasked.prototype.round = 0;

            /**
             * SecAggMasked masked.
             * @member {Uint8Array} masked
             * @memberof fedlora.v1.SecAggMasked
             * @instance
             */
            SecAggMasked.prototype.masked = $util.newBuffer([]);

            /**
             * SecAggMasked blamed.
             * @member {Array.<string>} blamed
             * @memberof fedlora.v1.SecAggMasked
             * @instance
             */
            SecAggMasked.prototype.blamed = $util.emptyArray;

            /**
             * Creates a new SecAggMasked instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggMasked
             * @static
             * @param {fedlora.v1.SecAggMasked.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggMasked} SecAggMasked instance
             * @type {{
             *   (properties: fedlora.v1.SecAggMasked.$Shape): fedlora.v1.SecAggMasked & fedlora.v1.SecAggMasked.$Shape;
             *   (properties?: fedlora.v1.SecAggMasked.$Properties): fedlora.v1.SecAggMasked;
             * }}
             */
            SecAggMasked.create = function(properties) {
                return new SecAggMasked(properties);
            };

            /**
             * Encodes the specified SecAggMasked message. Does not implicitly {@link fedlora.v1.SecAggMasked.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggMasked
             * @static
             * @param {fedlora.v1.SecAggMasked.$Properties} m SecAggMasked message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggMasked.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.masked != null && $Object.hasOwnProperty.call(m, "masked") && m.masked.length)
                    w.uint32(/* id 2, wireType 2 =*/18).bytes(m.masked);
                if (m.blamed != null && m.blamed.length) {
                    for (var i = 0; i < m.blamed.length; ++i)
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.blamed[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggMasked message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggMasked
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggMasked & fedlora.v1.SecAggMasked.$Shape} SecAggMasked
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggMasked.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggMasked();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.masked = v;
                            else
                                delete m.masked;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.blamed && m.blamed.length))
                                m.blamed = [];
                            m.blamed.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggMasked message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggMasked
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggMasked} SecAggMasked
             */
            SecAggMasked.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggMasked)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggMasked: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggMasked();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.masked != null) {
                    if (d.masked.length) {
                        if (typeof d.masked === "string")
                            $util.base64.decode(d.masked, m.masked = $util.newBuffer($util.base64.length(d.masked)), 0);
                        else if (d.masked.length >= 0)
                            m.masked = d.masked;
                    }
                }
                if (d.blamed) {
                    if (!$Array.isArray(d.blamed))
                        throw $TypeError(".fedlora.v1.SecAggMasked.blamed: array expected");
                    m.blamed = $Array(d.blamed.length);
                    for (var i = 0; i < d.blamed.length; ++i) {
                        m.blamed[i] = $String(d.blamed[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggMasked message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggMasked
             * @static
             * @param {fedlora.v1.SecAggMasked} m SecAggMasked
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggMasked.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.blamed = [];
                }
                if (o.defaults) {
                    d.round = 0;
                    if (o.bytes === $String)
                        d.masked = "";
                    else {
                        d.masked = [];
                        if (o.bytes !== $Array)
                            d.masked = $util.newBuffer(d.masked);
                    }
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.masked != null && $Object.hasOwnProperty.call(m, "masked")) {
                    d.masked = o.bytes === $String ? $util.base64.encode(m.masked, 0, m.masked.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.masked) : m.masked;
                }
                if (m.blamed && m.blamed.length) {
                    d.blamed = $Array(m.blamed.length);
                    for (var j = 0; j < m.blamed.length; ++j) {
                        d.blamed[j] = m.blamed[j];
                    }
                }
                return d;
            };

            /**
             * Converts this SecAggMasked to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggMasked
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggMasked.prototype.toJSON = function() {
                return SecAggMasked.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggMasked
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggMasked
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggMasked.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggMasked";
            };

            return SecAggMasked;
        })();

        v1.SecAggUnmaskRequest = (function() {

            /**
             * Properties of a SecAggUnmaskRequest.
             * @typedef {Object} fedlora.v1.SecAggUnmaskRequest.$Properties
             * @property {number|null} [round] SecAggUnmaskRequest round
             * @property {Array.<string>|null} [survivors] SecAggUnmaskRequest survivors
             * @property {Array.<string>|null} [dropped] SecAggUnmaskRequest dropped
             * @property {number|null} [deadlineUnixMs] SecAggUnmaskRequest deadlineUnixMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggUnmaskRequest.
             * @memberof fedlora.v1
             * @interface ISecAggUnmaskRequest
             * @augments fedlora.v1.SecAggUnmaskRequest.$Properties
             * @deprecated Use fedlora.v1.SecAggUnmaskRequest.$Properties instead.
             */

            /**
             * Shape of a SecAggUnmaskRequest.
             * @typedef {fedlora.v1.SecAggUnmaskRequest.$Properties} fedlora.v1.SecAggUnmaskRequest.$Shape
             */

            /**
             * Constructs a new SecAggUnmaskRequest.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggUnmaskRequest.
             * @constructor
             * @param {fedlora.v1.SecAggUnmaskRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggUnmaskRequest = function (p) {
                this.survivors = [];
                this.dropped = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggUnmaskRequest round.
             * @member {number} round
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @instance
             */
            SecAggUnmaskRequest.prototype.round = 0;

            /**
             * SecAggUnmaskRequest survivors.
             * @member {Array.<string>} survivors
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @instance
             */
            SecAggUnmaskRequest.prototype.survivors = $util.emptyArray;

            /**
             * SecAggUnmaskRequest dropped.
             * @member {Array.<string>} dropped
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @instance
             */
            SecAggUnmaskRequest.prototype.dropped = $util.emptyArray;

            /**
             * SecAggUnmaskRequest deadlineUnixMs.
             * @member {number} deadlineUnixMs
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @instance
             */
            SecAggUnmaskRequest.prototype.deadlineUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new SecAggUnmaskRequest instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @static
             * @param {fedlora.v1.SecAggUnmaskRequest.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggUnmaskRequest} SecAggUnmaskRequest instance
             * @type {{
             *   (properties: fedlora.v1.SecAggUnmaskRequest.$Shape): fedlora.v1.SecAggUnmaskRequest & fedlora.v1.SecAggUnmaskRequest.$Shape;
             *   (properties?: fedlora.v1.SecAggUnmaskRequest.$Properties): fedlora.v1.SecAggUnmaskRequest;
             * }}
             */
            SecAggUnmaskRequest.create = function(properties) {
                return new SecAggUnmaskRequest(properties);
            };

            /**
             * Encodes the specified SecAggUnmaskRequest message. Does not implicitly {@link fedlora.v1.SecAggUnmaskRequest.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @static
             * @param {fedlora.v1.SecAggUnmaskRequest.$Properties} m SecAggUnmaskRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggUnmaskRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.survivors != null && m.survivors.length) {
                    for (var i = 0; i < m.survivors.length; ++i)
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.survivors[i]);
                }
                if (m.dropped != null && m.dropped.length) {
                    for (var i = 0; i < m.dropped.length; ++i)
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.dropped[i]);
                }
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs") && (typeof m.deadlineUnixMs === "object" ? m.deadlineUnixMs.low || m.deadlineUnixMs.high : m.deadlineUnixMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.deadlineUnixMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggUnmaskRequest message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggUnmaskRequest & fedlora.v1.SecAggUnmaskRequest.$Shape} SecAggUnmaskRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggUnmaskRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggUnmaskRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.survivors && m.survivors.length))
                                m.survivors = [];
                            m.survivors.push(r.stringVerify());
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.dropped && m.dropped.length))
                                m.dropped = [];
                            m.dropped.push(r.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.deadlineUnixMs = v;
                            else
                                delete m.deadlineUnixMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggUnmaskRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggUnmaskRequest} SecAggUnmaskRequest
             */
            SecAggUnmaskRequest.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggUnmaskRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggUnmaskRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggUnmaskRequest();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.survivors) {
                    if (!$Array.isArray(d.survivors))
                        throw $TypeError(".fedlora.v1.SecAggUnmaskRequest.survivors: array expected");
                    m.survivors = $Array(d.survivors.length);
                    for (var i = 0; i < d.survivors.length; ++i) {
                        m.survivors[i] = $String(d.survivors[i]);
                    }
                }
                if (d.dropped) {
                    if (!$Array.isArray(d.dropped))
                        throw $TypeError(".fedlora.v1.SecAggUnmaskRequest.dropped: array expected");
                    m.dropped = $Array(d.dropped.length);
                    for (var i = 0; i < d.dropped.length; ++i) {
                        m.dropped[i] = $String(d.dropped[i]);
                    }
                }
                if (d.deadlineUnixMs != null) {
                    if (typeof d.deadlineUnixMs === "object" ? d.deadlineUnixMs.low || d.deadlineUnixMs.high : $Number(d.deadlineUnixMs) !== 0) {
                        if ($util.Long)
                            m.deadlineUnixMs = $util.Long.fromValue(d.deadlineUnixMs, true);
                        else if (typeof d.deadlineUnixMs === "string")
                            m.deadlineUnixMs = $parseInt(d.deadlineUnixMs, 10);
                        else if (typeof d.deadlineUnixMs === "number")
                            m.deadlineUnixMs = d.deadlineUnixMs;
                        else if (typeof d.deadlineUnixMs === "object")
                            m.deadlineUnixMs = new $util.LongBits(d.deadlineUnixMs.low >>> 0, d.deadlineUnixMs.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggUnmaskRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @static
             * @param {fedlora.v1.SecAggUnmaskRequest} m SecAggUnmaskRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggUnmaskRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.survivors = [];
                    d.dropped = [];
                }
                if (o.defaults) {
                    d.round = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.deadlineUnixMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.deadlineUnixMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.survivors && m.survivors.length) {
                    d.survivors = $Array(m.survivors.length);
                    for (var j = 0; j < m.survivors.length; ++j) {
                        d.survivors[j] = m.survivors[j];
                    }
                }
                if (m.dropped && m.dropped.length) {
                    d.dropped = $Array(m.dropped.length);
                    for (var j = 0; j < m.dropped.length; ++j) {
                        d.dropped[j] = m.dropped[j];
                    }
                }
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.deadlineUnixMs = typeof m.deadlineUnixMs === "number" ? $BigInt(m.deadlineUnixMs) : $util.Long.fromBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0, true).toBigInt();
                    else if (typeof m.deadlineUnixMs === "number")
                        d.deadlineUnixMs = o.longs === $String ? $String(m.deadlineUnixMs) : m.deadlineUnixMs;
                    else
                        d.deadlineUnixMs = o.longs === $String ? $util.Long.prototype.toString.call(m.deadlineUnixMs) : o.longs === $Number ? new $util.LongBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0).toNumber(true) : m.deadlineUnixMs;
                }
                return d;
            };

            /**
             * Converts this SecAggUnmaskRequest to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggUnmaskRequest.prototype.toJSON = function() {
                return SecAggUnmaskRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggUnmaskRequest
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggUnmaskRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggUnmaskRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggUnmaskRequest";
            };

            return SecAggUnmaskRequest;
        })();

        v1.SecAggRevealedShare = (function() {

            /**
             * Properties of a SecAggRevealedShare.
             * @typedef {Object} fedlora.v1.SecAggRevealedShare.$Properties
             * @property {string|null} [clientId] SecAggRevealedShare clientId
             * @property {Uint8Array|null} [share] SecAggRevealedShare share
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggRevealedShare.
             * @memberof fedlora.v1
             * @interface ISecAggRevealedShare
             * @augments fedlora.v1.SecAggRevealedShare.$Properties
             * @deprecated Use fedlora.v1.SecAggRevealedShare.$Properties instead.
             */

            /**
             * Shape of a SecAggRevealedShare.
             * @typedef {fedlora.v1.SecAggRevealedShare.$Properties} fedlora.v1.SecAggRevealedShare.$Shape
             */

            /**
             * Constructs a new SecAggRevealedShare.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggRevealedShare.
             * @constructor
             * @param {fedlora.v1.SecAggRevealedShare.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggRevealedShare = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggRevealedShare clientId.
             * @member {string} clientId
             * @memberof fedlora.v1.SecAggRevealedShare
             * @instance
             */
            SecAggRevealedShare.prototype.clientId = "";

            /**
             * SecAggRevealedShare share.
             * @member {Uint8Array} share
             * @memberof fedlora.v1.SecAggRevealedShare
             * @instance
             */
            SecAggRevealedShare.prototype.share = $util.newBuffer([]);

            /**
             * Creates a new SecAggRevealedShare instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggRevealedShare
             * @static
             * @param {fedlora.v1.SecAggRevealedShare.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggRevealedShare} SecAggRevealedShare instance
             * @type {{
             *   (properties: fedlora.v1.SecAggRevealedShare.$Shape): fedlora.v1.SecAggRevealedShare & fedlora.v1.SecAggRevealedShare.$Shape;
             *   (properties?: fedlora.v1.SecAggRevealedShare.$Properties): fedlora.v1.SecAggRevealedShare;
             * }}
             */
            SecAggRevealedShare.create = function(properties) {
                return new SecAggRevealedShare(properties);
            };

            /**
             * Encodes the specified SecAggRevealedShare message. Does not implicitly {@link fedlora.v1.SecAggRevealedShare.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggRevealedShare
             * @static
             * @param {fedlora.v1.SecAggRevealedShare.$Properties} m SecAggRevealedShare message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggRevealedShare.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId") && m.clientId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.clientId);
                if (m.share != null && $Object.hasOwnProperty.call(m, "share") && m.share.length)
                    w.uint32(/* id 2, wireType 2 =*/18).bytes(m.share);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggRevealedShare message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggRevealedShare
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggRevealedShare & fedlora.v1.SecAggRevealedShare.$Shape} SecAggRevealedShare
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggRevealedShare.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggRevealedShare();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.clientId = v;
                            else
                                delete m.clientId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.share = v;
                            else
                                delete m.share;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggRevealedShare message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggRevealedShare
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggRevealedShare} SecAggRevealedShare
             */
            SecAggRevealedShare.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggRevealedShare)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggRevealedShare: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggRevealedShare();
                if (d.clientId != null) {
                    if (typeof d.clientId !== "string" || d.clientId.length) {
                        m.clientId = $String(d.clientId);
                    }
                }
                if (d.share != null) {
                    if (d.share.length) {
                        if (typeof d.share === "string")
                            $util.base64.decode(d.share, m.share = $util.newBuffer($util.base64.length(d.share)), 0);
                        else if (d.share.length >= 0)
                            m.share = d.share;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggRevealedShare message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggRevealedShare
             * @static
             * @param {fedlora.v1.SecAggRevealedShare} m SecAggRevealedShare
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggRevealedShare.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.clientId = "";
                    if (o.bytes === $String)
                        d.share = "";
                    else {
                        d.share = [];
                        if (o.bytes !== $Array)
                            d.share = $util.newBuffer(d.share);
                    }
                }
                if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId")) {
                    d.clientId = m.clientId;
                }
                if (m.share != null && $Object.hasOwnProperty.call(m, "share")) {
                    d.share = o.bytes === $String ? $util.base64.encode(m.share, 0, m.share.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.share) : m.share;
                }
                return d;
            };

            /**
             * Converts this SecAggRevealedShare to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggRevealedShare
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggRevealedShare.prototype.toJSON = function() {
                return SecAggRevealedShare.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggRevealedShare
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggRevealedShare
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggRevealedShare.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggRevealedShare";
            };

            return SecAggRevealedShare;
        })();

        v1.SecAggUnmask = (function() {

            /**
             * Properties of a SecAggUnmask.
             * @typedef {Object} fedlora.v1.SecAggUnmask.$Properties
             * @property {number|null} [round] SecAggUnmask round
             * @property {Array.<fedlora.v1.SecAggRevealedShare.$Properties>|null} [selfMaskShares] SecAggUnmask selfMaskShares
             * @property {Array.<fedlora.v1.SecAggRevealedShare.$Properties>|null} [secretKeyShares] SecAggUnmask secretKeyShares
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecAggUnmask.
             * @memberof fedlora.v1
             * @interface ISecAggUnmask
             * @augments fedlora.v1.SecAggUnmask.$Properties
             * @deprecated Use fedlora.v1.SecAggUnmask.$Properties instead.
             */

            /**
             * Shape of a SecAggUnmask.
             * @typedef {fedlora.v1.SecAggUnmask.$Properties} fedlora.v1.SecAggUnmask.$Shape
             */

            /**
             * Constructs a new SecAggUnmask.
             * @memberof fedlora.v1
             * @classdesc Represents a SecAggUnmask.
             * @constructor
             * @param {fedlora.v1.SecAggUnmask.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecAggUnmask = function (p) {
                this.selfMaskShares = [];
                this.secretKeyShares = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SecAggUnmask round.
             * @member {number} round
             * @memberof fedlora.v1.SecAggUnmask
             * @instance
             */
            SecAggUnmask.prototype.round = 0;

            /**
             * SecAggUnmask selfMaskShares.
             * @member {Array.<fedlora.v1.SecAggRevealedShare.$Properties>} selfMaskShares
             * @memberof fedlora.v1.SecAggUnmask
             * @instance
             */
            SecAggUnmask.prototype.selfMaskShares = $util.emptyArray;

            /**
             * SecAggUnmask secretKeyShares.
             * @member {Array.<fedlora.v1.SecAggRevealedShare.$Properties>} secretKeyShares
             * @memberof fedlora.v1.SecAggUnmask
             * @instance
             */
            SecAggUnmask.prototype.secretKeyShares = $util.emptyArray;

            /**
             * Creates a new SecAggUnmask instance using the specified properties.
             * @function create
             * @memberof fedlora.v1.SecAggUnmask
             * @static
             * @param {fedlora.v1.SecAggUnmask.$Properties=} [properties] Properties to set
             * @returns {fedlora.v1.SecAggUnmask} SecAggUnmask instance
             * @type {{
             *   (properties: fedlora.v1.SecAggUnmask.$Shape): fedlora.v1.SecAggUnmask & fedlora.v1.SecAggUnmask.$Shape;
             *   (properties?: fedlora.v1.SecAggUnmask.$Properties): fedlora.v1.SecAggUnmask;
             * }}
             */
            SecAggUnmask.create = function(properties) {
                return new SecAggUnmask(properties);
            };

            /**
             * Encodes the specified SecAggUnmask message. Does not implicitly {@link fedlora.v1.SecAggUnmask.verify|verify} messages.
             * @function encode
             * @memberof fedlora.v1.SecAggUnmask
             * @static
             * @param {fedlora.v1.SecAggUnmask.$Properties} m SecAggUnmask message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecAggUnmask.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.round);
                if (m.selfMaskShares != null && m.selfMaskShares.length) {
                    for (var i = 0; i < m.selfMaskShares.length; ++i)
                        $root.fedlora.v1.SecAggRevealedShare.encode(m.selfMaskShares[i], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                }
                if (m.secretKeyShares != null && m.secretKeyShares.length) {
                    for (var i = 0; i < m.secretKeyShares.length; ++i)
                        $root.fedlora.v1.SecAggRevealedShare.encode(m.secretKeyShares[i], w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SecAggUnmask message from the specified reader or buffer.
             * @function decode
             * @memberof fedlora.v1.SecAggUnmask
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fedlora.v1.SecAggUnmask & fedlora.v1.SecAggUnmask.$Shape} SecAggUnmask
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecAggUnmask.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fedlora.v1.SecAggUnmask();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.selfMaskShares && m.selfMaskShares.length))
                                m.selfMaskShares = [];
                            m.selfMaskShares.push($root.fedlora.v1.SecAggRevealedShare.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.secretKeyShares && m.secretKeyShares.length))
                                m.secretKeyShares = [];
                            m.secretKeyShares.push($root.fedlora.v1.SecAggRevealedShare.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SecAggUnmask message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fedlora.v1.SecAggUnmask
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fedlora.v1.SecAggUnmask} SecAggUnmask
             */
            SecAggUnmask.fromObject = function (d, q) {
                if (d instanceof $root.fedlora.v1.SecAggUnmask)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fedlora.v1.SecAggUnmask: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fedlora.v1.SecAggUnmask();
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.selfMaskShares) {
                    if (!$Array.isArray(d.selfMaskShares))
                        throw $TypeError(".fedlora.v1.SecAggUnmask.selfMaskShares: array expected");
                    m.selfMaskShares = $Array(d.selfMaskShares.length);
                    for (var i = 0; i < d.selfMaskShares.length; ++i) {
                        if (!$util.isObject(d.selfMaskShares[i]))
                            throw $TypeError(".fedlora.v1.SecAggUnmask.selfMaskShares: object expected");
                        m.selfMaskShares[i] = $root.fedlora.v1.SecAggRevealedShare.fromObject(d.selfMaskShares[i], q + 1);
                    }
                }
                if (d.secretKeyShares) {
                    if (!$Array.isArray(d.secretKeyShares))
                        throw $TypeError(".fedlora.v1.SecAggUnmask.secretKeyShares: array expected");
                    m.secretKeyShares = $Array(d.secretKeyShares.length);
                    for (var i = 0; i < d.secretKeyShares.length; ++i) {
                        if (!$util.isObject(d.secretKeyShares[i]))
                            throw $TypeError(".fedlora.v1.SecAggUnmask.secretKeyShares: object expected");
                        m.secretKeyShares[i] = $root.fedlora.v1.SecAggRevealedShare.fromObject(d.secretKeyShares[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SecAggUnmask message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fedlora.v1.SecAggUnmask
             * @static
             * @param {fedlora.v1.SecAggUnmask} m SecAggUnmask
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SecAggUnmask.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.selfMaskShares = [];
                    d.secretKeyShares = [];
                }
                if (o.defaults) {
                    d.round = 0;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.selfMaskShares && m.selfMaskShares.length) {
                    d.selfMaskShares = $Array(m.selfMaskShares.length);
                    for (var j = 0; j < m.selfMaskShares.length; ++j) {
                        d.selfMaskShares[j] = $root.fedlora.v1.SecAggRevealedShare.toObject(m.selfMaskShares[j], o, q + 1);
                    }
                }
                if (m.secretKeyShares && m.secretKeyShares.length) {
                    d.secretKeyShares = $Array(m.secretKeyShares.length);
                    for (var j = 0; j < m.secretKeyShares.length; ++j) {
                        d.secretKeyShares[j] = $root.fedlora.v1.SecAggRevealedShare.toObject(m.secretKeyShares[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this SecAggUnmask to JSON.
             * @function toJSON
             * @memberof fedlora.v1.SecAggUnmask
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SecAggUnmask.prototype.toJSON = function() {
                return SecAggUnmask.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SecAggUnmask
             * @function getTypeUrl
             * @memberof fedlora.v1.SecAggUnmask
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecAggUnmask.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fedlora.v1.SecAggUnmask";
            };

            return SecAggUnmask;
        })();

        return v1;
    })();

    return fedlora;
})();

export {
  $root as default
};
