// Internal to the BUGS builder: how each variable of a program is defined, as a whole
// by one statement or element by element (by scalar statements, or by blocks such as
// `Y[i, 1:2] ~ dmnorm(...)`), with its dimensions and the instance behind each element.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "bugs_unroll.hpp"

namespace alea::io::detail {

// An element of an array defined element by element: the instance that defines it and
// its position inside that instance's value (0-based, one per range of the block).
struct ElementRef {
  int inst = -1;
  std::vector<std::int64_t> offset;
};

struct ArrayDef {
  int whole = -1;                             // the instance defining the whole variable
  std::map<MultiIndex, ElementRef> elements;  // otherwise: element -> its definition
  std::size_t rank = 0;                       // index positions of the elements
  MultiIndex dims;                            // the array's extent (data, `var`, or the largest index)
};

// Definitions of every variable from the instances; throws InputError for a variable or
// element defined twice, and for an array indexed with different numbers of indices.
std::map<std::string, ArrayDef> collect_definitions(const std::vector<Instance>& inst);

// Position of element k in column-major order of `dims`.
std::size_t column_major_offset(const MultiIndex& k, const MultiIndex& dims);
// Every index of `dims` in column-major order (the first index fastest, as R and BUGS store arrays).
std::vector<MultiIndex> column_major_indices(const MultiIndex& dims);

// "1..3, 5" (rank 1) or "x[1,1], x[1,2], ..." (first few) for messages.
std::string defined_elements_text(const std::string& name, const ArrayDef& d);

}  // namespace alea::io::detail
