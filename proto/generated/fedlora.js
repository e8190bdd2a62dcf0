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
                }
                if (o.defaults) {
                    d.r = 0;
                    d.alpha = 0;
                    d.dropout = 0;
                    d.useRslora = false;
                    d.freezeA = false;
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

        v1.TrainHyperParams = (function() {

            /**
             * Properties of a TrainHyperParams.
             * @typedef {Object} fedlora.v1.TrainHyperParams.$Properties
             * @property {number|null} [localSteps] TrainHyperParams localSteps
             * @property {number|null} [batchSize] TrainHyperParams batchSize
             * @property {number|null} [learningRate] TrainHyperParams learningRate
             * @property {number|null} [maxSeqLen] TrainHyperParams maxSeqLen
             * @property {number|null} [seed] TrainHyperParams seed
             * @property {number|null} [proximalMu] TrainHyperParams proximalMu
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
             * TrainHyperParams proximalMu.
             * @member {number} proximalMu
             * @memberof fedlora.v1.TrainHyperParams
             * @instance
             */
            TrainHyperParams.prototype.proximalMu = 0;

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
                if (m.proximalMu != null && $Object.hasOwnProperty.call(m, "proximalMu") && !$Object.is(m.proximalMu, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.proximalMu);
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
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.proximalMu = v;
                            else
                                delete m.proximalMu;
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
                if (d.proximalMu != null) {
                    if (!$Object.is($Number(d.proximalMu), 0)) {
                        m.proximalMu = $Number(d.proximalMu);
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
                    d.proximalMu = 0;
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
                if (m.proximalMu != null && $Object.hasOwnProperty.call(m, "proximalMu")) {
                    d.proximalMu = o.json && !$isFinite(m.proximalMu) ? $String(m.proximalMu) : m.proximalMu;
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
                if (o.defaults) {
                    d.clientId = "";
                    d.modelFingerprint = "";
                    d.backend = "";
                    d.numTrainExamples = 0;
                    d.numEvalExamples = 0;
                    d.softwareVersion = "";
                    d.loraRank = 0;
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
             * @property {fedlora.v1.UpdateEncoding|null} [updateEncoding] TrainInstruction updateEncoding
             * @property {boolean|null} [errorFeedback] TrainInstruction errorFeedback
             * @property {number|null} [clipNorm] TrainInstruction clipNorm
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
             * TrainInstruction updateEncoding.
             * @member {fedlora.v1.UpdateEncoding} updateEncoding
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.updateEncoding = 0;

            /**
             * TrainInstruction errorFeedback.
             * @member {boolean} errorFeedback
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.errorFeedback = false;

            /**
             * TrainInstruction clipNorm.
             * @member {number} clipNorm
             * @memberof fedlora.v1.TrainInstruction
             * @instance
             */
            TrainInstruction.prototype.clipNorm = 0;

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
                if (m.updateEncoding != null && $Object.hasOwnProperty.call(m, "updateEncoding") && m.updateEncoding !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).int32(m.updateEncoding);
                if (m.errorFeedback != null && $Object.hasOwnProperty.call(m, "errorFeedback") && m.errorFeedback !== false)
                    w.uint32(/* id 8, wireType 0 =*/64).bool(m.errorFeedback);
                if (m.clipNorm != null && $Object.hasOwnProperty.call(m, "clipNorm") && !$Object.is(m.clipNorm, 0))
                    w.uint32(/* id 9, wireType 1 =*/73).double(m.clipNorm);
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
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.updateEncoding = v;
                            else
                                delete m.updateEncoding;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.errorFeedback = v;
                            else
                                delete m.errorFeedback;
                            continue;
                        }
                    case 9: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.clipNorm = v;
                            else
                                delete m.clipNorm;
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
                if (d.clipNorm != null) {
                    if (!$Object.is($Number(d.clipNorm), 0)) {
                        m.clipNorm = $Number(d.clipNorm);
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
                    d.updateEncoding = o.enums === $String ? "UPDATE_FP32" : 0;
                    d.errorFeedback = false;
                    d.clipNorm = 0;
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
                if (m.updateEncoding != null && $Object.hasOwnProperty.call(m, "updateEncoding")) {
                    d.updateEncoding = o.enums === $String ? $root.fedlora.v1.UpdateEncoding[m.updateEncoding] === $undefined ? m.updateEncoding : $root.fedlora.v1.UpdateEncoding[m.updateEncoding] : m.updateEncoding;
                }
                if (m.errorFeedback != null && $Object.hasOwnProperty.call(m, "errorFeedback")) {
                    d.errorFeedback = m.errorFeedback;
                }
                if (m.clipNorm != null && $Object.hasOwnProperty.call(m, "clipNorm")) {
                    d.clipNorm = o.json && !$isFinite(m.clipNorm) ? $String(m.clipNorm) : m.clipNorm;
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
             * @property {"hello"|"welcome"|"train"|"update"|"evaluate"|"evaluation"|"ack"|"finished"|"error"|"chunk"|"chunkAck"} [body] Envelope body
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
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null }|{ body?: "hello"; hello: fedlora.v1.ClientHello.$Shape; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null }|{ body?: "welcome"; hello?: null; welcome: fedlora.v1.Welcome.$Shape; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null }|{ body?: "train"; hello?: null; welcome?: null; train: fedlora.v1.TrainInstruction.$Shape; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null }|{ body?: "update"; hello?: null; welcome?: null; train?: null; update: fedlora.v1.ClientUpdate.$Shape; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null }|{ body?: "evaluate"; hello?: null; welcome?: null; train?: null; update?: null; evaluate: fedlora.v1.EvaluateInstruction.$Shape; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null }|{ body?: "evaluation"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation: fedlora.v1.EvaluateResult.$Shape; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null }|{ body?: "ack"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack: fedlora.v1.Ack.$Shape; finished?: null; error?: null; chunk?: null; chunkAck?: null }|{ body?: "finished"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished: fedlora.v1.RunFinished.$Shape; error?: null; chunk?: null; chunkAck?: null }|{ body?: "error"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error: fedlora.v1.Error.$Shape; chunk?: null; chunkAck?: null }|{ body?: "chunk"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk: fedlora.v1.Chunk.$Shape; chunkAck?: null }|{ body?: "chunkAck"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck: fedlora.v1.ChunkAck.$Shape })
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

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Envelope body.
             * @member {"hello"|"welcome"|"train"|"update"|"evaluate"|"evaluation"|"ack"|"finished"|"error"|"chunk"|"chunkAck"|undefined} body
             * @memberof fedlora.v1.Envelope
             * @instance
             */
            $Object.defineProperty(Envelope.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "welcome", "train", "update", "evaluate", "evaluation", "ack", "finished", "error", "chunk", "chunkAck"]),
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

        return v1;
    })();

    return fedlora;
})();

export {
  $root as default
};
